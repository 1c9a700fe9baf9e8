package io.k3j.server.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * What a request presents to prove who makes it.
 *
 * @param bearerToken the token of an {@code Authorization: Bearer} header
 */
public record Credentials(Optional<String> bearerToken) {

    /** A request that presents nothing. */
    public static final Credentials NONE = new Credentials(Optional.empty());

    private static final String BEARER = "bearer";

    public Credentials {
        Objects.requireNonNull(bearerToken, "bearerToken");
    }

    /**
     * The credentials of an {@code Authorization} header, read as Kubernetes reads it: the scheme
     * {@code Bearer} in any case, then the token; any other scheme, or a bearer without a
     * token, presents nothing.
     *
     * @param header the header's value, or null when the request has none
     */
    public static Credentials fromAuthorizationHeader(String header) {
        if (header == null) {
            return NONE;
        }
        // by hand rather than with a regular expression: this runs for every request
        String value = header.strip();
        int end = 0;
        while (end < value.length() && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        String token = value.substring(end).strip();
        if (!value.substring(0, end).equalsIgnoreCase(BEARER) || token.isEmpty()
                || token.chars().anyMatch(Character::isWhitespace)) {
            return NONE;
        }
        return new Credentials(Optional.of(token));
    }

    /** Whether the request presents no credential at all. */
    public boolean isEmpty() {
        return bearerToken.isEmpty();
    }

    /** Says what kind of credential this is, never its secret. */
    @Override
    public String toString() {
        return "Credentials[" + (bearerToken.isPresent() ? "bearer token" : "none") + "]";
    }
}
