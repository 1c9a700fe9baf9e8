package io.k3j.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request presents to prove who makes it.
 *
 * @param bearerToken the token of an {@code Authorization: Bearer} header
 * @param basic the user and password of an {@code Authorization: Basic} header, which agents use
 *     to present the cluster token when they register, as K3s agents do
 */
public record Credentials(Optional<String> bearerToken, Optional<Basic> basic) {

    /** A request that presents nothing. */
    public static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty());

    private static final String BEARER = "bearer";
    private static final String BASIC = "basic";

    public Credentials {
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(basic, "basic");
    }

    /** A user name and password; the password never shows in the text. */
    public record Basic(String user, String password) {

        public Basic {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + "]";
        }
    }

    /**
     * The credentials of an {@code Authorization} header, read as Kubernetes reads it: the scheme
     * ({@code Bearer} or {@code Basic}) in any case, then one value; any other scheme, a scheme
     * without a value, or a Basic value that is not base64 of {@code user:password}, presents nothing.
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
        String scheme = value.substring(0, end);
        String credential = value.substring(end).strip();
        if (credential.isEmpty() || credential.chars().anyMatch(Character::isWhitespace)) {
            return NONE;
        }
        if (scheme.equalsIgnoreCase(BEARER)) {
            return new Credentials(Optional.of(credential), Optional.empty());
        }
        if (scheme.equalsIgnoreCase(BASIC)) {
            return basic(credential).map(b -> new Credentials(Optional.empty(), Optional.of(b))).orElse(NONE);
        }
        return NONE;
    }

    private static Optional<Basic> basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** Whether the request presents no credential at all. */
    public boolean isEmpty() {
        return bearerToken.isEmpty() && basic.isEmpty();
    }

    /** Says what kind of credential this is, never its secret. */
    @Override
    public String toString() {
        return "Credentials[" + (bearerToken.isPresent() ? "bearer token" : basic.map(Basic::toString).orElse("none")) + "]";
    }
}
