package io.k3j.agent.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeDocumentsTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final MachineInfo MACHINE = new MachineInfo(2, 4_000_000, "Debian GNU/Linux 12 (bookworm)", "6.1.0", "amd64", "linux");
    private static final AgentVersion VERSION = new AgentVersion("0.1.0", "1.31.0");

    @TempDir
    Path temp;

    private static JsonObject json(String text) {
        return JSON.createReader(new StringReader(text)).readObject();
    }

    @Test
    void theStatusPatchCarriesAddressesCapacityNodeInfoAndReady() {
        Instant now = Instant.parse("2026-11-26T11:00:00.987Z");
        JsonObject patch = NodeDocuments.statusPatch(MACHINE, VERSION, "10.0.0.7", "worker-1", now,
                Instant.parse("2026-11-26T10:00:00Z"));

        assertEquals(json("""
                {"status":{
                  "addresses":[{"type":"InternalIP","address":"10.0.0.7"},{"type":"Hostname","address":"worker-1"}],
                  "capacity":{"cpu":"2","memory":"4000000Ki","pods":"110"},
                  "allocatable":{"cpu":"2","memory":"4000000Ki","pods":"110"},
                  "nodeInfo":{"kubeletVersion":"v1.31.0+k3j1","kubeProxyVersion":"","osImage":"Debian GNU/Linux 12 (bookworm)",
                    "kernelVersion":"6.1.0","architecture":"amd64","operatingSystem":"linux",
                    "containerRuntimeVersion":"process://0.1.0","machineID":"","systemUUID":"","bootID":""},
                  "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady",
                    "message":"k3j agent is posting ready status",
                    "lastHeartbeatTime":"2026-11-26T11:00:00Z","lastTransitionTime":"2026-11-26T10:00:00Z"}]}}"""), patch);
        assertFalse(patch.containsKey("spec"), "the podCIDR in the spec is the server's");
    }

    @Test
    void theNodeHasTheStandardLabelsAndTheGivenOnes() {
        Map<String, String> labels = NodeDocuments.labels("n1", "arm64", "linux", Map.of("zone", "z1"));
        assertEquals(Map.of("kubernetes.io/hostname", "n1", "kubernetes.io/os", "linux", "kubernetes.io/arch", "arm64",
                "zone", "z1"), labels);
        assertFalse(labels.keySet().stream().anyMatch(key -> key.startsWith("node-role.kubernetes.io/")));

        JsonObject node = NodeDocuments.newNode("n1", labels);
        assertEquals("Node", node.getString("kind"));
        assertEquals("n1", node.getJsonObject("metadata").getJsonObject("labels").getString("kubernetes.io/hostname"));
        assertFalse(NodeDocuments.lacksLabels(node, labels));
        assertTrue(NodeDocuments.lacksLabels(node, Map.of("zone", "z2")));
    }

    @Test
    void readsPodCidrUidAndReadinessBack() {
        JsonObject node = json("""
                {"metadata":{"name":"n1","uid":"u-1"},"spec":{"podCIDR":"10.42.3.0/24"},
                 "status":{"conditions":[{"type":"MemoryPressure","status":"False"},
                   {"type":"Ready","status":"Unknown","lastTransitionTime":"2026-11-26T10:00:00Z"}]}}""");

        assertEquals(Optional.of("u-1"), NodeDocuments.uid(node));
        assertEquals(Optional.of("10.42.3.0/24"), NodeDocuments.podCidr(node));
        NodeDocuments.Ready ready = NodeDocuments.ready(node).orElseThrow();
        assertFalse(ready.isTrue());
        assertEquals(Optional.of(Instant.parse("2026-11-26T10:00:00Z")), ready.since());
        assertEquals(Optional.empty(), NodeDocuments.podCidr(json("{\"spec\":{}}")));
        assertEquals(Optional.empty(), NodeDocuments.ready(json("{}")));
    }

    @Test
    void leasesRenewWithMicroTimeTheResourceVersionAndTheNodeAsOwner() {
        Instant renew = Instant.parse("2026-11-26T11:00:00.123456789Z");
        JsonObject created = NodeDocuments.newLease("n1", "u-1", 40, renew);
        assertEquals(json("""
                {"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
                 "metadata":{"name":"n1","namespace":"kube-node-lease",
                   "ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"n1","uid":"u-1"}]},
                 "spec":{"holderIdentity":"n1","leaseDurationSeconds":40,"renewTime":"2026-11-26T11:00:00.123456Z"}}"""), created);

        JsonObject stored = json("""
                {"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
                 "metadata":{"name":"n1","namespace":"kube-node-lease","resourceVersion":"42","uid":"l-1"},
                 "spec":{"holderIdentity":"n1","leaseDurationSeconds":40,"renewTime":"2026-11-26T10:59:50.000000Z"}}""");
        JsonObject renewed = NodeDocuments.renewedLease(stored, "n1", "u-2", 40, Instant.parse("2026-11-26T11:00:00Z"));
        assertEquals("42", renewed.getJsonObject("metadata").getString("resourceVersion"));
        assertEquals("2026-11-26T11:00:00.000000Z", renewed.getJsonObject("spec").getString("renewTime"));
        assertEquals("u-2", renewed.getJsonObject("metadata").getJsonArray("ownerReferences").getJsonObject(0).getString("uid"));
        assertEquals("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1", NodeDocuments.leasePath("n1"));
    }

    @Test
    void readsTheMachine() throws Exception {
        Path osRelease = Files.writeString(temp.resolve("os-release"), "NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        assertEquals("Debian GNU/Linux 12 (bookworm)", MachineInfo.osImage(osRelease));
        Path meminfo = Files.writeString(temp.resolve("meminfo"), "MemTotal:        8039244 kB\nMemFree:  100 kB\n");
        assertEquals(Optional.of(8039244L), MachineInfo.memTotalKi(meminfo));
        assertEquals("amd64", MachineInfo.goArch("x86_64"));
        assertEquals("arm64", MachineInfo.goArch("aarch64"));

        MachineInfo here = MachineInfo.detect();
        assertEquals(Runtime.getRuntime().availableProcessors(), here.cpus());
        assertTrue(here.memoryKi() > 0);
        assertTrue(AgentVersion.current().kubeletVersion().matches("v1\\.\\d+\\.\\d+\\+k3j1"), AgentVersion.current().kubeletVersion());
    }
}
