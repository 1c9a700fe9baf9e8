package io.k3j.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TokenHashTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void matchesItsTokenOnly() {
        String hash = TokenHash.hash("token-a", random, 1000);

        assertTrue(hash.startsWith("pbkdf2-sha256$1000$"), hash);
        assertFalse(hash.contains("token-a"));
        assertTrue(TokenHash.matches("token-a", hash));
        assertFalse(TokenHash.matches("token-b", hash));
        assertFalse(TokenHash.matches("token-a ", hash));
    }

    @Test
    void saltsEveryHash() {
        assertNotEquals(TokenHash.hash("t", random, 1000), TokenHash.hash("t", random, 1000));
    }

    @Test
    void aMalformedHashMatchesNothing() {
        assertFalse(TokenHash.matches("t", "plain"));
        assertFalse(TokenHash.matches("t", "pbkdf2-sha256$x$AAAA$AAAA"));
        assertFalse(TokenHash.matches("t", "pbkdf2-sha256$0$AAAA$AAAA"));
        assertFalse(TokenHash.matches("t", "md5$1$AAAA$AAAA"));
        assertFalse(TokenHash.matches("t", "pbkdf2-sha256$10$!!$AAAA"));
    }
}
