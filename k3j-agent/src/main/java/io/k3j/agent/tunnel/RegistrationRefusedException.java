package io.k3j.agent.tunnel;

/**
 * The server answered the handshake with an HTTP error instead of switching to WebSocket.
 *
 * @see #isFinal()
 */
public class RegistrationRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** @param message the server's Status message, or what the status means when it sent none */
    public RegistrationRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * Whether trying again cannot help: a bad name or password (400), a wrong token (401), or a
     * name registered with another password (403). Too many attempts (429) and a server that is
     * not ready (5xx) are worth another try.
     */
    public boolean isFinal() {
        return status == 400 || status == 401 || status == 403;
    }
}
