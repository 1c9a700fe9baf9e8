package io.k3j.server.api.status;

import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes {@code Status} object: what every error answer (and a few successes) carries.
 *
 * @param success whether this reports a success
 * @param code the HTTP status code
 * @param reason the reason; empty for a success
 * @param message a human-readable description; may be empty for a success
 * @param details what the failure is about, if known
 */
public record Status(boolean success, int code, Optional<Reason> reason, String message, Optional<StatusDetails> details) {

    public Status {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(details, "details");
    }

    public static Status failure(Reason reason, String message, Optional<StatusDetails> details) {
        return new Status(false, reason.code(), Optional.of(reason), message, details);
    }

    public static Status failure(Reason reason, String message) {
        return failure(reason, message, Optional.empty());
    }

    /** A success, such as the 201 a pod binding answers with. */
    public static Status success(int code) {
        return new Status(true, code, Optional.empty(), "", Optional.empty());
    }

    /** The Status as Kubernetes serializes it. */
    public JsonObject toJson() {
        JsonObjectBuilder json = JsonSupport.object()
                .add("kind", "Status")
                .add("apiVersion", "v1")
                .add("metadata", JsonSupport.object())
                .add("status", success ? "Success" : "Failure");
        if (!message.isEmpty()) {
            json.add("message", message);
        }
        reason.ifPresent(r -> json.add("reason", r.text()));
        details.ifPresent(d -> json.add("details", detailsJson(d)));
        return json.add("code", code).build();
    }

    private static JsonObjectBuilder detailsJson(StatusDetails details) {
        JsonObjectBuilder json = JsonSupport.object();
        if (!details.name().isEmpty()) {
            json.add("name", details.name());
        }
        if (!details.group().isEmpty()) {
            json.add("group", details.group());
        }
        if (!details.kind().isEmpty()) {
            json.add("kind", details.kind());
        }
        if (!details.causes().isEmpty()) {
            JsonArrayBuilder causes = JsonSupport.array();
            for (StatusCause cause : details.causes()) {
                JsonObjectBuilder c = JsonSupport.object().add("reason", cause.reason()).add("message", cause.message());
                if (!cause.field().isEmpty()) {
                    c.add("field", cause.field());
                }
                causes.add(c);
            }
            json.add("causes", causes);
        }
        return json;
    }
}
