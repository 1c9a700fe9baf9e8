package io.k3j.server.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.TestLogs;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.auth.NodeTokens;
import io.k3j.server.nodepassword.NodePasswordHash;
import io.k3j.server.nodepassword.NodePasswords;
import io.k3j.spi.datastore.RevisionLog;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeRegistrarTest {

    private RevisionLog log;
    private final NodeTokens tokens = new NodeTokens("cluster-secret");
    private NodeRegistrar registrar;

    @BeforeEach
    void open() {
        log = TestLogs.open();
        ObjectStore store = new ObjectStore(log);
        store.ensureSystemNamespaces();
        registrar = new NodeRegistrar(new NodePasswords(store, new NodePasswordHash(4, 8, 1), 1), tokens);
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void anAdmittedAgentGetsItsNodeToken() {
        Registration first = registrar.register("worker-1", "pw");
        assertTrue(first.firstRegistration());
        assertEquals(Optional.of("worker-1"), tokens.verify(first.nodeToken()));
        assertFalse(first.toString().contains(first.nodeToken()));
        Registration again = registrar.register("worker-1", "pw");
        assertFalse(again.firstRegistration());
    }

    @Test
    void aWrongPasswordIsForbiddenWithAdvice() {
        registrar.register("worker-1", "pw");
        ApiException e = assertThrows(ApiException.class, () -> registrar.register("worker-1", "other"));
        assertEquals(403, e.code());
        assertTrue(e.getMessage().contains("kubectl delete node worker-1"), e.getMessage());
        assertTrue(e.getMessage().contains("--with-node-id"), e.getMessage());
    }

    @Test
    void badNamesAndPasswordsAreBadRequests() {
        assertEquals(400, assertThrows(ApiException.class, () -> registrar.register(null, "pw")).code());
        assertEquals(400, assertThrows(ApiException.class, () -> registrar.register("Worker_1", "pw")).code());
        assertEquals(400, assertThrows(ApiException.class, () -> registrar.register("a".repeat(240), "pw")).code());
        assertEquals(400, assertThrows(ApiException.class, () -> registrar.register("worker-1", "")).code());
        assertEquals(400, assertThrows(ApiException.class, () -> registrar.register("worker-1", "x".repeat(257))).code());
        assertTrue(assertThrows(ApiException.class, () -> registrar.register("Worker_1", "pw")).getMessage()
                .contains("--node-name"));
    }
}
