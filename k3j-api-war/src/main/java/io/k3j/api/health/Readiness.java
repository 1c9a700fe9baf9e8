package io.k3j.api.health;

import java.util.Optional;
import java.util.function.LongSupplier;

/** Whether the server can serve the API: bootstrapped, with a datastore that answers. */
public final class Readiness {

    private Readiness() {
    }

    /**
     * Why the server is not ready, or empty when it is.
     *
     * @param bootstrapped whether the cluster bootstrap has finished
     * @param currentRevision a cheap datastore read, which throws when the datastore does not answer
     */
    public static Optional<String> notReadyBecause(boolean bootstrapped, LongSupplier currentRevision) {
        if (!bootstrapped) {
            return Optional.of("bootstrap: not done yet");
        }
        try {
            currentRevision.getAsLong();
            return Optional.empty();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            return Optional.of("datastore: " + message.replaceAll("\\s*[\\r\\n]+\\s*", " "));
        }
    }
}
