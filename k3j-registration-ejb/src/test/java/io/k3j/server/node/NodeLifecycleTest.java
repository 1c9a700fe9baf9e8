package io.k3j.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.TestJson;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.store.WriteOptions;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeLifecycleTest extends NodeControllerTestBase {

    private static final Duration GRACE = Duration.ofSeconds(40);

    private NodeLifecycle lifecycle;

    @BeforeEach
    void nodes0() {
        lifecycle = new NodeLifecycle(store, GRACE, clock);
        createReadyNode("quiet");
        createReadyNode("busy");
        renew("quiet");
        renew("busy");
    }

    @Test
    void aSilentNodeTurnsUnknownAndTaintedAndComesBack() {
        lifecycle.check(nodes());
        clock.advance(Duration.ofSeconds(30));
        renew("busy");
        lifecycle.check(nodes());
        assertEquals("True", NodeLifecycle.readyStatus(node("quiet")), "within the grace period");

        clock.advance(Duration.ofSeconds(15));
        renew("busy");
        lifecycle.check(nodes());
        JsonObject quiet = node("quiet");
        assertEquals("Unknown", NodeLifecycle.readyStatus(quiet));
        assertEquals(2, quiet.getJsonObject("spec").getJsonArray("taints").size());
        assertEquals(NodeLifecycle.UNREACHABLE_TAINT,
                quiet.getJsonObject("spec").getJsonArray("taints").getJsonObject(0).getString("key"));
        assertEquals("True", NodeLifecycle.readyStatus(node("busy")));

        clock.advance(Duration.ofSeconds(5));
        renew("quiet");
        lifecycle.check(nodes());
        JsonObject back = node("quiet");
        assertEquals("True", NodeLifecycle.readyStatus(back));
        assertFalse(back.getJsonObject("spec").containsKey("taints"));
    }

    @Test
    void aRestartedControllerGivesEveryNodeAFullGracePeriod() {
        clock.advance(Duration.ofMinutes(5)); // the leases are old by now
        lifecycle.check(nodes());
        assertEquals("True", NodeLifecycle.readyStatus(node("quiet")));
        clock.advance(GRACE.plusSeconds(1));
        lifecycle.check(nodes());
        assertEquals("Unknown", NodeLifecycle.readyStatus(node("quiet")));
        lifecycle.check(nodes());
        assertEquals("Unknown", NodeLifecycle.readyStatus(node("quiet")), "no restore without a renewal");
    }

    @Test
    void aNodeWithoutALeaseGoesUnknownAfterTheGracePeriod() {
        createReadyNode("leaseless");
        lifecycle.check(nodes());
        clock.advance(GRACE.plusSeconds(1));
        lifecycle.check(nodes());
        assertEquals("Unknown", NodeLifecycle.readyStatus(node("leaseless")));
        assertTrue(node("leaseless").getJsonObject("status").getJsonArray("conditions").stream()
                .map(JsonValue::asJsonObject).anyMatch(c -> "NodeStatusUnknown".equals(c.getString("reason", ""))));
    }

    private void createReadyNode(String name) {
        JsonObject node = createNode(name);
        JsonObject ready = TestJson.object("{'status':{'conditions':[{'type':'Ready','status':'True','reason':'KubeletReady'},"
                + "{'type':'MemoryPressure','status':'False'}]}}");
        store.update(ResourceCatalog.NODES, "", name, "status",
                jakarta.json.Json.createObjectBuilder(node).add("status", ready.getJsonObject("status")).build(),
                WriteOptions.DEFAULT);
    }

    private void renew(String name) {
        String renewTime = clock.instant().toString();
        JsonObject lease = store.find(ResourceCatalog.LEASES, "kube-node-lease", name).orElse(null);
        JsonObject body = TestJson.object("{'metadata':{'name':'" + name + "'" + (lease == null ? ""
                : ",'resourceVersion':'" + lease.getJsonObject("metadata").getString("resourceVersion") + "'")
                + "},'spec':{'holderIdentity':'" + name + "','leaseDurationSeconds':40,'renewTime':'" + renewTime + "'}}");
        if (lease == null) {
            store.create(ResourceCatalog.LEASES, "kube-node-lease", body, WriteOptions.DEFAULT);
        } else {
            store.update(ResourceCatalog.LEASES, "kube-node-lease", name, "", body, WriteOptions.DEFAULT);
        }
    }
}
