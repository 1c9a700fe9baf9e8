package io.k3j.server.api.allocation;

import jakarta.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * Reserves what the objects of one type need before they are written, and releases it when
 * they no longer hold it, as Kubernetes's service registry does around its generic store.
 */
public interface Allocator {

    /** Types that reserve nothing. */
    Allocator NONE = new Allocator() {
        @Override
        public Allocation allocate(JsonObject object, Optional<JsonObject> current, boolean dryRun) {
            return Allocation.nothing(object);
        }

        @Override
        public void release(JsonObject held, Optional<JsonObject> kept) {
            // nothing was reserved
        }
    };

    /**
     * Reserves what {@code object} needs and {@code current} does not hold yet, and fills it in.
     *
     * @param current the stored state on an update; empty on a create
     * @param dryRun check and fill in, but reserve nothing
     * @throws io.k3j.server.api.status.ApiException when what the object asks for cannot be had
     */
    Allocation allocate(JsonObject object, Optional<JsonObject> current, boolean dryRun);

    /**
     * Releases what {@code held} had reserved and {@code kept} no longer holds: everything, when
     * the object was deleted. Never fails: what it cannot release, a repair pass finds later.
     */
    void release(JsonObject held, Optional<JsonObject> kept);

    /**
     * The object with what was reserved for it, and how to give that back when the object is not
     * written after all.
     */
    record Allocation(JsonObject object, Runnable undo) {

        public Allocation {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(undo, "undo");
        }

        public static Allocation nothing(JsonObject object) {
            return new Allocation(object, () -> { });
        }
    }
}
