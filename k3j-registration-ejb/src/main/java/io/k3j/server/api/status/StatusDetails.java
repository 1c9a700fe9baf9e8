package io.k3j.server.api.status;

import java.util.List;
import java.util.Objects;

/**
 * What a failure is about.
 *
 * @param name the object's name, or empty
 * @param group the API group, or empty
 * @param kind the resource (for most reasons) or kind (for Invalid), or empty
 * @param causes the individual problems
 */
public record StatusDetails(String name, String group, String kind, List<StatusCause> causes) {

    public StatusDetails {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        causes = List.copyOf(causes);
    }

    public static StatusDetails of(String name, String group, String kind) {
        return new StatusDetails(name, group, kind, List.of());
    }
}
