package io.k3j.server.nodepassword;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class NodePasswordHashTest {

    /** Cheap, so that the test is quick; the format and the check do not depend on the cost. */
    private static final NodePasswordHash CHEAP = new NodePasswordHash(4, 8, 1);

    private final SecureRandom random = new SecureRandom();
    private final ScryptMemory memory = new ScryptMemory(1);

    @Test
    void matchesOnlyTheHashedPassword() {
        String hash = CHEAP.hash("s3cret-password", random, memory);
        assertTrue(hash.startsWith("$scrypt$ln=4,r=8,p=1$"), hash);
        assertFalse(hash.contains("s3cret"), hash);
        assertTrue(NodePasswordHash.matches("s3cret-password", hash, memory));
        assertFalse(NodePasswordHash.matches("s3cret-passwore", hash, memory));
        assertFalse(NodePasswordHash.matches("", hash, memory));
    }

    @Test
    void saltsEveryHash() {
        assertNotEquals(CHEAP.hash("same", random, memory), CHEAP.hash("same", random, memory));
    }

    @Test
    void k3sCostHashesAndChecks() {
        String hash = NodePasswordHash.K3S_COST.hash("pw", random, memory);
        assertTrue(hash.startsWith("$scrypt$ln=15,r=8,p=1$"), hash);
        assertTrue(NodePasswordHash.matches("pw", hash, memory));
    }

    @Test
    void unreadableOrTamperedHashesNeverMatch() {
        String hash = CHEAP.hash("pw", random, memory);
        assertFalse(NodePasswordHash.matches("pw", "", memory));
        assertFalse(NodePasswordHash.matches("pw", "pw", memory));
        assertFalse(NodePasswordHash.matches("pw", hash.replace("ln=4", "ln=5"), memory));
        assertFalse(NodePasswordHash.matches("pw", hash.replace("ln=4", "ln=40"), memory), "a cost beyond the bounds");
        assertFalse(NodePasswordHash.matches("pw", hash.substring(0, hash.lastIndexOf('$') + 1), memory));
    }

    @Test
    void refusesACostOutOfBounds() {
        assertThrows(IllegalArgumentException.class, () -> new NodePasswordHash(21, 8, 1));
        assertThrows(IllegalArgumentException.class, () -> new NodePasswordHash(15, 0, 1));
    }
}
