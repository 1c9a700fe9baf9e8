package io.k3j.server.nodepassword;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The scrypt key derivation function of RFC 7914, which K3s uses for node password hashes: its
 * memory cost (128 * r * N bytes, 32 MiB for N = 2^15, r = 8) makes guessing expensive on any
 * hardware. The JDK has no scrypt, and BouncyCastle is not on the server's class path.
 */
final class Scrypt {

    private Scrypt() {
    }

    /**
     * Derives {@code length} bytes from a password and salt.
     *
     * @param n the CPU/memory cost, a power of two greater than 1
     * @param r the block size
     * @param p the parallelization (run sequentially here)
     * @param v the work array, of at least {@link #words} ints; its contents do not matter
     */
    static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int length, int[] v) {
        if (n < 2 || (n & (n - 1)) != 0) {
            throw new IllegalArgumentException("N must be a power of two greater than 1: " + n);
        }
        if (r < 1 || p < 1 || (long) r * p >= 1 << 30 || n > Integer.MAX_VALUE / 128 / r) {
            throw new IllegalArgumentException("scrypt parameters out of range: r=" + r + " p=" + p);
        }
        Mac hmac = hmacSha256(password);
        int blockBytes = 128 * r;
        byte[] b = pbkdf2(hmac, salt, p * blockBytes);
        if (v.length < words(n, r)) {
            throw new IllegalArgumentException("the work array is too small for N=" + n + " r=" + r);
        }
        int[] x = new int[32 * r];
        int[] scratch = new int[32 * r];
        for (int i = 0; i < p; i++) {
            roMix(b, i * blockBytes, r, n, x, v, scratch);
        }
        return pbkdf2(hmac, b, length);
    }

    /** How many ints the work array of a cost needs: 128 * r * N bytes. */
    static int words(int n, int r) {
        return 32 * r * n;
    }

    /** ROMix of RFC 7914 section 5 on the block at {@code offset}, in place. */
    private static void roMix(byte[] b, int offset, int r, int n, int[] x, int[] v, int[] scratch) {
        int words = 32 * r;
        for (int i = 0; i < words; i++) {
            x[i] = littleEndian(b, offset + 4 * i);
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, 0, v, i * words, words);
            blockMix(x, scratch, r);
        }
        for (int i = 0; i < n; i++) {
            // Integerify: the first word of the last 64-byte block, modulo N
            int j = x[(2 * r - 1) * 16] & (n - 1);
            int base = j * words;
            for (int k = 0; k < words; k++) {
                x[k] ^= v[base + k];
            }
            blockMix(x, scratch, r);
        }
        for (int i = 0; i < words; i++) {
            int word = x[i];
            int at = offset + 4 * i;
            b[at] = (byte) word;
            b[at + 1] = (byte) (word >>> 8);
            b[at + 2] = (byte) (word >>> 16);
            b[at + 3] = (byte) (word >>> 24);
        }
    }

    /** BlockMix with Salsa20/8 (RFC 7914 section 4), in place; even blocks first, then odd ones. */
    private static void blockMix(int[] b, int[] y, int r) {
        int[] x = new int[16];
        System.arraycopy(b, (2 * r - 1) * 16, x, 0, 16);
        for (int i = 0; i < 2 * r; i++) {
            for (int k = 0; k < 16; k++) {
                x[k] ^= b[i * 16 + k];
            }
            salsa20x8(x);
            int to = (i % 2 == 0 ? i / 2 : r + i / 2) * 16;
            System.arraycopy(x, 0, y, to, 16);
        }
        System.arraycopy(y, 0, b, 0, 32 * r);
    }

    /** The Salsa20/8 core of RFC 7914 section 3, in place. */
    private static void salsa20x8(int[] b) {
        int x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7];
        int x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14], x15 = b[15];
        for (int i = 0; i < 8; i += 2) {
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);
            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        b[0] += x0; b[1] += x1; b[2] += x2; b[3] += x3; b[4] += x4; b[5] += x5; b[6] += x6; b[7] += x7;
        b[8] += x8; b[9] += x9; b[10] += x10; b[11] += x11; b[12] += x12; b[13] += x13; b[14] += x14; b[15] += x15;
    }

    /** PBKDF2-HMAC-SHA256 with one iteration, as scrypt uses it. */
    private static byte[] pbkdf2(Mac hmac, byte[] salt, int length) {
        byte[] out = new byte[length];
        byte[] counter = new byte[4];
        for (int block = 1, at = 0; at < length; block++, at += 32) {
            counter[0] = (byte) (block >>> 24);
            counter[1] = (byte) (block >>> 16);
            counter[2] = (byte) (block >>> 8);
            counter[3] = (byte) block;
            hmac.update(salt);
            byte[] u = hmac.doFinal(counter);
            System.arraycopy(u, 0, out, at, Math.min(32, length - at));
        }
        return out;
    }

    private static Mac hmacSha256(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // an empty password is a valid scrypt input, but SecretKeySpec refuses empty keys
            mac.init(key.length == 0 ? new EmptyKey() : new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static int littleEndian(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    /** A zero-length HMAC key, which HMAC allows (it pads keys to the block size). */
    private static final class EmptyKey implements javax.crypto.SecretKey {
        private static final long serialVersionUID = 1L;

        @Override
        public String getAlgorithm() {
            return "HmacSHA256";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return new byte[0];
        }
    }
}
