package io.k3j.server.node;

import io.k3j.server.api.MutableClock;
import io.k3j.server.api.TestJson;
import io.k3j.server.api.TestLogs;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.store.ListOptions;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.api.store.WriteOptions;
import io.k3j.spi.datastore.RevisionLog;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A store over a fresh H2 log whose clock the test moves, and helpers for nodes and leases. */
abstract class NodeControllerTestBase {

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
    RevisionLog log;
    ObjectStore store;

    @BeforeEach
    void openStore() {
        log = TestLogs.open();
        store = new ObjectStore(log, clock);
        store.ensureSystemNamespaces();
    }

    @AfterEach
    void closeStore() {
        log.close();
    }

    JsonObject createNode(String name) {
        return store.create(ResourceCatalog.NODES, "", TestJson.object("{'metadata':{'name':'" + name + "'}}"),
                WriteOptions.DEFAULT);
    }

    List<JsonObject> nodes() {
        return store.list(ResourceCatalog.NODES, "", ListOptions.all()).items();
    }

    JsonObject node(String name) {
        return store.find(ResourceCatalog.NODES, "", name).orElseThrow();
    }
}
