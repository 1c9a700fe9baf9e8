package io.k3j.server.api.store;

import io.k3j.server.api.status.ApiException;
import java.util.OptionalLong;

/** resourceVersion strings: the decimal revision of the log, as Kubernetes's etcd storage uses. */
final class ResourceVersions {

    private ResourceVersions() {
    }

    /**
     * Parses a resourceVersion; empty when the string is empty.
     *
     * @throws ApiException 400 when it is not a non-negative decimal number
     */
    static OptionalLong parse(String resourceVersion) {
        if (resourceVersion.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long revision = Long.parseLong(resourceVersion);
            if (revision >= 0) {
                return OptionalLong.of(revision);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("invalid resourceVersion \"" + resourceVersion
                + "\": must be a non-negative decimal number");
    }
}
