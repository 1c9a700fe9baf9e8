package io.k3j.server.bootstrap;

/** The cluster cannot be bootstrapped as configured; the message says what to do, in one line. */
public class BootstrapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BootstrapException(String message) {
        super(message);
    }

    public BootstrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
