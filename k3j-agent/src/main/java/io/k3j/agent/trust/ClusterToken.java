package io.k3j.agent.trust;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cluster token, in K3s's full form {@code K10<sha256 of the CA PEM>::<user>:<secret>} or as
 * the bare secret.
 *
 * @param caHash the expected SHA-256 (lower-case hex) of the server's {@code /cacerts} answer; empty for a bare token
 * @param secret what the agent presents as the password of user {@code node}
 */
public record ClusterToken(Optional<String> caHash, String secret) {

    private static final String FULL_PREFIX = "K10";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ClusterToken {
        caHash.ifPresent(hash -> {
            if (!SHA256_HEX.matcher(hash).matches()) {
                throw new IllegalArgumentException("the token's CA hash is not 64 hex digits");
            }
        });
        if (secret.isEmpty() || secret.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("the token is empty or holds white space");
        }
    }

    /**
     * @throws IllegalArgumentException with a reason that never quotes the token
     */
    public static ClusterToken parse(String token) {
        String value = token.strip();
        int separator = value.indexOf("::");
        if (value.startsWith(FULL_PREFIX) && separator > 0) {
            String hash = value.substring(FULL_PREFIX.length(), separator).toLowerCase(java.util.Locale.ROOT);
            String credentials = value.substring(separator + 2);
            int colon = credentials.indexOf(':');
            if (colon <= 0 || colon == credentials.length() - 1) {
                throw new IllegalArgumentException("the token has the form K10<hash>::<user>:<secret> but no user or secret");
            }
            return new ClusterToken(Optional.of(hash), credentials.substring(colon + 1));
        }
        return new ClusterToken(Optional.empty(), value);
    }

    /** Names no secret. */
    @Override
    public String toString() {
        return "ClusterToken[caHash=" + caHash.orElse("none") + "]";
    }
}
