package io.k3j.server.nodepassword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test vectors of RFC 7914 section 12. */
class ScryptTest {

    @Test
    void emptyPasswordAndSalt() {
        assertEquals("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
                derive("", "", 16, 1, 1));
    }

    @Test
    void passwordNaCl() {
        assertEquals("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
                derive("password", "NaCl", 1024, 8, 16));
    }

    @Test
    void pleaseLetMeIn() {
        assertEquals("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887",
                derive("pleaseletmein", "SodiumChloride", 16384, 8, 1));
    }

    @Test
    void refusesAnNThatIsNoPowerOfTwo() {
        assertThrows(IllegalArgumentException.class,
                () -> Scrypt.derive(new byte[1], new byte[1], 1000, 8, 1, 32, new int[Scrypt.words(1024, 8)]));
    }

    @Test
    void refusesATooSmallWorkArray() {
        assertThrows(IllegalArgumentException.class,
                () -> Scrypt.derive(new byte[1], new byte[1], 1024, 8, 1, 32, new int[Scrypt.words(512, 8)]));
    }

    private static String derive(String password, String salt, int n, int r, int p) {
        return HexFormat.of().formatHex(Scrypt.derive(password.getBytes(StandardCharsets.UTF_8),
                salt.getBytes(StandardCharsets.UTF_8), n, r, p, 64, new int[Scrypt.words(n, r)]));
    }
}
