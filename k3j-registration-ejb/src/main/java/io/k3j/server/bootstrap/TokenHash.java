package io.k3j.server.bootstrap;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow hashes of the cluster token, so that the datastore never holds the token itself.
 * The encoded form {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} names its own cost, so the
 * cost can rise without breaking stored hashes.
 */
public final class TokenHash {

    /**
     * Paid once per start: about half a second with the server's C1-only JIT (OWASP's 600,000
     * would cost 1.3 s of a 12 s budget). Whoever reads this hash from the datastore reads the
     * cluster's Secrets too; the hash keeps the token itself from being read back, and a
     * generated token has 256 random bits. K3s derives its bootstrap key with 4,096 rounds of SHA-1.
     */
    public static final int DEFAULT_ITERATIONS = 210_000;

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private TokenHash() {
    }

    /** Hashes a token with a new random salt. */
    public static String hash(String token, SecureRandom random, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(pbkdf2(token, salt, iterations));
    }

    /** Whether a token is the one a hash was made from; false for a hash this class cannot read. */
    public static boolean matches(String token, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return iterations > 0 && MessageDigest.isEqual(expected, pbkdf2(token, salt, iterations));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static byte[] pbkdf2(String token, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(token.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
