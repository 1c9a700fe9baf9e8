package io.k3j.server.api.store;

import io.k3j.server.api.status.ApiException;

/**
 * The options of a create, update or patch.
 *
 * @param dryRun whether to check and compute the result without storing it
 */
public record WriteOptions(boolean dryRun) {

    public static final WriteOptions DEFAULT = new WriteOptions(false);

    /**
     * Reads the options from the query parameters of a request; absent parameters are null.
     *
     * @throws ApiException 400 for an unknown dryRun value
     */
    public static WriteOptions fromQuery(String dryRun) {
        return new WriteOptions(dryRun(dryRun));
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
