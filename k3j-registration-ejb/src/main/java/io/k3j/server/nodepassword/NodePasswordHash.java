package io.k3j.server.nodepassword;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salted scrypt hashes of node passwords, in the PHC string form
 * {@code $scrypt$ln=15,r=8,p=1$<salt>$<hash>}: each hash names its own cost, so the cost can
 * change without breaking the hashes already stored.
 *
 * @param logN log2 of scrypt's N
 * @param r scrypt's block size
 * @param p scrypt's parallelization
 */
public record NodePasswordHash(int logN, int r, int p) {

    /** K3s's cost: N = 2^15, r = 8, p = 1, which takes 32 MiB and tens of milliseconds per hash. */
    public static final NodePasswordHash K3S_COST = new NodePasswordHash(15, 8, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** Bounds on what a stored hash may ask for, so that a tampered Secret cannot exhaust the heap. */
    private static final int MAX_LOG_N = 20;
    private static final int MAX_R = 16;
    private static final int MAX_P = 4;
    private static final Pattern ENCODED = Pattern.compile(
            "\\$scrypt\\$ln=(\\d{1,2}),r=(\\d{1,2}),p=(\\d)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    public NodePasswordHash {
        if (logN < 1 || logN > MAX_LOG_N || r < 1 || r > MAX_R || p < 1 || p > MAX_P) {
            throw new IllegalArgumentException("scrypt cost out of range: ln=" + logN + " r=" + r + " p=" + p);
        }
    }

    /** Hashes a password with a new random salt at this cost, with an array of the memory. */
    public String hash(String password, SecureRandom random, ScryptMemory memory) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$scrypt$ln=" + logN + ",r=" + r + ",p=" + p + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, HASH_BYTES, memory));
    }

    /**
     * Whether a password is the one an encoded hash was made from, at the cost the hash names;
     * false for a hash that this class cannot read.
     */
    public static boolean matches(String password, String encoded, ScryptMemory memory) {
        Matcher m = ENCODED.matcher(encoded);
        if (!m.matches()) {
            return false;
        }
        try {
            NodePasswordHash cost = new NodePasswordHash(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            byte[] salt = Base64.getDecoder().decode(m.group(4));
            byte[] expected = Base64.getDecoder().decode(m.group(5));
            return expected.length > 0 && MessageDigest.isEqual(expected, cost.derive(password, salt, expected.length, memory));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private byte[] derive(String password, byte[] salt, int length, ScryptMemory memory) {
        int n = 1 << logN;
        return memory.with(Scrypt.words(n, r),
                v -> Scrypt.derive(password.getBytes(StandardCharsets.UTF_8), salt, n, r, p, length, v));
    }
}
