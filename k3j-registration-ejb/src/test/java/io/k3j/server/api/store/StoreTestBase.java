package io.k3j.server.api.store;

import static io.k3j.server.api.TestJson.object;

import io.k3j.server.api.TestLogs;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.spi.datastore.RevisionLog;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A store over a fresh H2 log with the system namespaces, and helpers to build objects. */
abstract class StoreTestBase {

    static final Instant NOW = Instant.parse("2025-01-02T03:04:05.678Z");
    static final WriteOptions WRITE = WriteOptions.DEFAULT;

    RevisionLog log;
    ObjectStore store;

    @BeforeEach
    void openStore() {
        log = TestLogs.open();
        store = new ObjectStore(log, Clock.fixed(NOW, ZoneOffset.UTC));
        store.ensureSystemNamespaces();
    }

    @AfterEach
    void closeStore() {
        log.close();
    }

    static JsonObject configMap(String name, String labels) {
        return object("{'metadata':{'name':'" + name + "','labels':{" + labels + "}},'data':{'k':'v'}}");
    }

    JsonObject createConfigMap(String name, String labels) {
        return store.create(ResourceCatalog.CONFIG_MAPS, "default", configMap(name, labels), WRITE);
    }

    static JsonObject pod(String name, String nodeName) {
        return object("{'metadata':{'name':'" + name + "'},'spec':{"
                + (nodeName.isEmpty() ? "" : "'nodeName':'" + nodeName + "',")
                + "'containers':[{'name':'app','image':'nginx:1.27'}]}}");
    }
}
