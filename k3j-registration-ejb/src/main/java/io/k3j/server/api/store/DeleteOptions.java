package io.k3j.server.api.store;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.status.ApiException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of a delete, from the {@code DeleteOptions} body and the query.
 *
 * @param uid the uid the object must have
 * @param resourceVersion the resourceVersion the object must have
 * @param gracePeriodSeconds the grace period asked for; types without graceful deletion ignore it
 * @param propagationPolicy Foreground, Background or Orphan; accepted, as there is no garbage
 *     collector of dependents yet
 * @param dryRun whether to check without deleting
 */
public record DeleteOptions(Optional<String> uid, Optional<String> resourceVersion, Optional<Long> gracePeriodSeconds,
        Optional<String> propagationPolicy, boolean dryRun) {

    private static final List<String> POLICIES = List.of("Foreground", "Background", "Orphan");

    public DeleteOptions {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        Objects.requireNonNull(gracePeriodSeconds, "gracePeriodSeconds");
        Objects.requireNonNull(propagationPolicy, "propagationPolicy");
    }

    public static DeleteOptions defaults() {
        return new DeleteOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    /**
     * Reads the options of a request: the query parameters (null when absent), overridden by the
     * body's fields when it has them.
     *
     * @param body the DeleteOptions body, or an empty object
     * @throws ApiException 400 for values of the wrong type or unknown policies
     */
    public static DeleteOptions fromRequest(JsonObject body, String gracePeriodSeconds, String propagationPolicy,
            String dryRun) {
        Optional<Long> grace = Optional.ofNullable(gracePeriodSeconds).filter(s -> !s.isEmpty()).map(DeleteOptions::number);
        boolean dry = WriteOptions.dryRun(dryRun);
        if (body.containsKey("gracePeriodSeconds") && body.get("gracePeriodSeconds") != JsonValue.NULL) {
            if (!(body.get("gracePeriodSeconds") instanceof JsonNumber n) || !n.isIntegral()) {
                throw ApiException.badRequest("gracePeriodSeconds: must be an integer");
            }
            grace = Optional.of(n.longValue());
        }
        Optional<String> policy = JsonSupport.stringAt(body, "propagationPolicy").or(() -> Optional.ofNullable(propagationPolicy))
                .filter(s -> !s.isEmpty());
        if (policy.isPresent() && !POLICIES.contains(policy.get())) {
            throw ApiException.badRequest("propagationPolicy: Unsupported value: \"" + policy.get()
                    + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        if (body.get("dryRun") instanceof JsonArray modes && !modes.isEmpty()) {
            dry = WriteOptions.dryRun(modes.getString(0, "?"));
        }
        return new DeleteOptions(
                JsonSupport.stringAt(body, "preconditions", "uid").filter(s -> !s.isEmpty()),
                JsonSupport.stringAt(body, "preconditions", "resourceVersion").filter(s -> !s.isEmpty()),
                grace, policy, dry);
    }

    public DeleteOptions withPreconditions(Optional<String> requiredUid, Optional<String> requiredResourceVersion) {
        return new DeleteOptions(requiredUid, requiredResourceVersion, gracePeriodSeconds, propagationPolicy, dryRun);
    }

    public DeleteOptions withGracePeriod(long seconds) {
        return new DeleteOptions(uid, resourceVersion, Optional.of(seconds), propagationPolicy, dryRun);
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("gracePeriodSeconds: Invalid value: \"" + text + "\": must be an integer");
        }
    }
}
