package io.k3j.agent.trust;

/** The server's CA cannot be trusted: it does not match the token, or it is no CA certificate. */
public class TrustException extends Exception {

    private static final long serialVersionUID = 1L;

    public TrustException(String message) {
        super(message);
    }
}
