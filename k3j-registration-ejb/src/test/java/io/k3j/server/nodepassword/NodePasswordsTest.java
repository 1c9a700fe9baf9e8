package io.k3j.server.nodepassword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.TestLogs;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.spi.datastore.RevisionLog;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodePasswordsTest {

    private RevisionLog log;
    private ObjectStore store;
    private NodePasswords passwords;

    @BeforeEach
    void open() {
        log = TestLogs.open();
        store = new ObjectStore(log);
        store.ensureSystemNamespaces();
        passwords = new NodePasswords(store, new NodePasswordHash(4, 8, 1), 2);
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void theFirstRegistrationStoresAHashNeverThePassword() {
        assertTrue(passwords.verifyOrStore("n1", "pw-one"));
        JsonObject secret = store.find(ResourceCatalog.SECRETS, "kube-system", "n1.node-password.k3j").orElseThrow();
        assertEquals("k3j.io/node-password", secret.getString("type"));
        assertTrue(secret.getBoolean("immutable"));
        String hash = new String(Base64.getDecoder().decode(secret.getJsonObject("data").getString("hash")),
                StandardCharsets.UTF_8);
        assertTrue(hash.startsWith("$scrypt$ln=4,r=8,p=1$"), hash);
        assertFalse(secret.toString().contains("pw-one"));
        assertFalse(secret.toString().contains(Base64.getEncoder().encodeToString("pw-one".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void laterRegistrationsMustPresentTheSamePassword() {
        passwords.verifyOrStore("n1", "pw-one");
        assertFalse(passwords.verifyOrStore("n1", "pw-one"));
        NodePasswordMismatchException e = assertThrows(NodePasswordMismatchException.class,
                () -> passwords.verifyOrStore("n1", "pw-two"));
        assertEquals("n1", e.nodeName());
        assertTrue(passwords.verifyOrStore("n2", "pw-two"), "another name is another node");
    }

    @Test
    void ofAgentsRacingForOneNameExactlyOneWins() throws Exception {
        int agents = 8;
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String password = "password-" + i;
            Callable<Boolean> register = () -> {
                start.await();
                try {
                    passwords.verifyOrStore("contested", password);
                    return true;
                } catch (NodePasswordMismatchException refused) {
                    return false;
                }
            };
            results.add(pool.submit(register));
        }
        start.countDown();
        int admitted = 0;
        for (Future<Boolean> result : results) {
            admitted += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, admitted);
        assertEquals(1, passwords.secrets().size());
    }

    @Test
    void deletingAPasswordFreesTheName() {
        passwords.verifyOrStore("n1", "pw-one");
        JsonObject secret = passwords.secrets().get(0);
        assertFalse(passwords.delete("n1", "another-uid"), "a precondition on the uid guards newer Secrets");
        assertTrue(passwords.delete("n1", ObjectMeta.uid(secret)));
        assertFalse(passwords.delete("n1", ObjectMeta.uid(secret)));
        assertTrue(passwords.verifyOrStore("n1", "pw-two"));
    }

    @Test
    void secretNamesMapBackToNodes() {
        assertEquals("n1.node-password.k3j", NodePasswords.secretName("n1"));
        assertEquals("a.b", NodePasswords.nodeName("a.b.node-password.k3j").orElseThrow());
        assertTrue(NodePasswords.nodeName("default-token").isEmpty());
        assertTrue(NodePasswords.nodeName(".node-password.k3j").isEmpty());
    }
}
