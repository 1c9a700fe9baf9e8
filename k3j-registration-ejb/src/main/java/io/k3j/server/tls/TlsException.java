package io.k3j.server.tls;

/** The TLS material cannot be made or read; the message says which file and what to do, in one line. */
public class TlsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
