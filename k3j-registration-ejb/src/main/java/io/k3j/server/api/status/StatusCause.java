package io.k3j.server.api.status;

import java.util.Objects;

/**
 * One cause of a failure, such as a field that failed validation.
 *
 * @param reason a machine-readable reason, such as {@code FieldValueInvalid}
 * @param message what is wrong
 * @param field the dotted path of the field, or empty
 */
public record StatusCause(String reason, String message, String field) {

    public StatusCause {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(field, "field");
    }
}
