package io.k3j.server.api.store;

import io.k3j.server.api.schema.FieldValidation;
import io.k3j.server.api.status.ApiException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The options of a create, update or patch.
 *
 * @param dryRun whether to check and compute the result without storing it
 * @param fieldValidation what a patch's unknown and duplicate fields do; a create or update body
 *     is checked as it is decoded, before the store sees it
 * @param warnings where the write reports what the client should hear of, such as an unknown
 *     field under {@link FieldValidation#WARN}; Kubernetes sends them as Warning headers
 */
public record WriteOptions(boolean dryRun, FieldValidation fieldValidation, Consumer<String> warnings) {

    /** The options of the server's own writes: nothing to validate, no one to warn. */
    public static final WriteOptions DEFAULT = new WriteOptions(false);

    public WriteOptions {
        Objects.requireNonNull(fieldValidation, "fieldValidation");
        Objects.requireNonNull(warnings, "warnings");
    }

    /** A write that is or is not a dry run, with the server's own defaults otherwise. */
    public WriteOptions(boolean dryRun) {
        this(dryRun, FieldValidation.IGNORE, warning -> { });
    }

    /**
     * Reads the options from the query parameters of a request; absent parameters are null.
     *
     * @throws ApiException 400 for an unknown dryRun or fieldValidation value
     */
    public static WriteOptions fromQuery(String dryRun, String fieldValidation, Consumer<String> warnings) {
        return new WriteOptions(dryRun(dryRun), FieldValidation.fromQuery(fieldValidation), warnings);
    }

    /** Kubernetes accepts {@code dryRun=All} and nothing else. */
    static boolean dryRun(String value) {
        String text = ListOptions.orEmpty(value);
        if (text.isEmpty()) {
            return false;
        }
        if (text.equals("All")) {
            return true;
        }
        throw ApiException.badRequest("dryRun: Unsupported value: \"" + text + "\": supported values: \"All\"");
    }
}
