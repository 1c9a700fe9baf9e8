package io.k3j.server.lifecycle;

/** The server cannot start; thrown to fail the deployment when the JVM is not to be ended. */
public class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
