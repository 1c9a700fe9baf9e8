package io.k3j.agent.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentitiesTest {

    @TempDir
    Path temp;

    private NodeIdentity ensure(Path dataDir, Optional<String> name, boolean withNodeId, String hostname) {
        return NodeIdentities.ensure(dataDir, name, withNodeId, () -> hostname, new SecureRandom());
    }

    @Test
    void thePasswordIsMadeOncePrivatelyAndReused() throws Exception {
        Path dataDir = temp.resolve("agent");
        NodeIdentity first = ensure(dataDir, Optional.empty(), false, "Worker-1");

        assertEquals("worker-1", first.name(), "the host name, lower-cased");
        assertTrue(first.password().matches("[0-9a-f]{64}"), "32 random bytes in hex");
        Path password = dataDir.resolve("node/password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("node"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
        assertEquals(first.password(), Files.readString(password).strip());
        assertFalse(first.toString().contains(first.password()), first.toString());

        assertEquals(first, ensure(dataDir, Optional.empty(), false, "worker-1"));
        assertNotEquals(first.password(), ensure(temp.resolve("other"), Optional.empty(), false, "worker-1").password());
        try (var files = Files.list(dataDir.resolve("node"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void theNodeIdIsAppendedAndStable() {
        Path dataDir = temp.resolve("agent");
        NodeIdentity first = ensure(dataDir, Optional.of("n1"), true, "ignored");

        assertTrue(first.name().matches("n1-[0-9a-f]{8}"), first.name());
        assertEquals(first, ensure(dataDir, Optional.of("n1"), true, "ignored"), "the id and password are kept");
        assertEquals("n1", ensure(dataDir, Optional.of("n1"), false, "ignored").name());
        assertNotEquals(first.name(), ensure(temp.resolve("other"), Optional.of("n1"), true, "ignored").name());
    }

    @Test
    void aHostNameThatIsNoNodeNameIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ensure(temp, Optional.empty(), false, "my_host"));
        assertTrue(e.getMessage().startsWith("the host name 'my_host' is not a valid node name"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ensure(temp, Optional.of("-n"), false, "h"));
        assertTrue(NodeNames.isValid("a.b-c.d"));
        assertFalse(NodeNames.isValid("a".repeat(254)));
    }

    @Test
    void aDamagedIdFileIsReported() throws Exception {
        Files.createDirectories(temp.resolve("node"));
        Files.writeString(temp.resolve("node/id"), "nothex!!");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ensure(temp, Optional.of("n"), true, "h"));
        assertTrue(e.getMessage().endsWith("does not hold 8 hex digits; delete it to have a new id made"), e.getMessage());
    }
}
