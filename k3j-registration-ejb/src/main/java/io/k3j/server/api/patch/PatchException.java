package io.k3j.server.api.patch;

/** A patch that cannot be applied, with a message that says why. */
public class PatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public PatchException(String message) {
        super(message);
    }

    public PatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
