package io.k3j.server.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster token in K3s's two forms: the bare secret, or
 * {@code K10<sha256 of the cluster CA certificate, hex>::server:<secret>}, which lets an agent
 * check the server's CA before it sends anything secret. Credentials derive from the secret only.
 *
 * @param caHash the CA hash of the full form, lower-case hex; empty for a bare token
 * @param secret the secret
 */
public record ClusterToken(Optional<String> caHash, String secret) {

    private static final String PREFIX = "K10";
    private static final String SEPARATOR = "::";

    public ClusterToken {
        Objects.requireNonNull(caHash, "caHash");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Reads either form. A value that starts with {@code K10} but is not the full form is a bare
     * secret, as K3s reads it.
     */
    public static ClusterToken parse(String token) {
        if (token.startsWith(PREFIX) && token.contains(SEPARATOR)) {
            String hash = token.substring(PREFIX.length(), token.indexOf(SEPARATOR));
            String credentials = token.substring(token.indexOf(SEPARATOR) + SEPARATOR.length());
            int colon = credentials.indexOf(':');
            if (hash.matches("[0-9a-fA-F]{64}") && colon > 0 && colon < credentials.length() - 1) {
                return new ClusterToken(Optional.of(hash.toLowerCase(Locale.ROOT)), credentials.substring(colon + 1));
            }
        }
        return new ClusterToken(Optional.empty(), token);
    }

    /** The full form of a secret under a CA certificate (PEM, exactly as served on /cacerts). */
    public static String fullForm(String secret, String caCertificatePem) {
        return PREFIX + sha256(caCertificatePem) + SEPARATOR + "server:" + secret;
    }

    /** Whether this token may be used with the CA: a bare token always, a full one when its hash names this CA. */
    public boolean fits(String caCertificatePem) {
        return caHash.map(hash -> hash.equals(sha256(caCertificatePem))).orElse(true);
    }

    static String sha256(String pem) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pem.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Leaves the secret out, so that logging a token never logs it. */
    @Override
    public String toString() {
        return "ClusterToken[caHash=" + caHash.orElse("none") + "]";
    }
}
