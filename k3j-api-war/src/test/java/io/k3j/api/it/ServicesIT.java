package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k3j.api.it.ItServer.KubectlResult;
import io.k3j.server.net.Ipv4Cidr;
import io.k3j.server.tls.ServingNames;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Services and Endpoints through the reference clients: Service {@code kubernetes} with this
 * server's address in its endpoints, and Services created by kubectl and fabric8 getting cluster
 * IPs from the service range.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ServicesIT extends DeployedWar {

    private static final Ipv4Cidr SERVICE_CIDR = Ipv4Cidr.parse("10.43.0.0/16");

    private String namespace;

    @BeforeEach
    void namespaceOfItsOwn(TestInfo test) throws Exception {
        namespace = namespaceFor("svc-", test);
        HttpResponse<String> created = server().send("POST", "api/v1/namespaces", "application/json",
                "{\"metadata\":{\"name\":\"" + namespace + "\"}}");
        assertEquals(201, created.statusCode(), created.body());
    }

    @AfterEach
    void cleanUp() throws Exception {
        HttpResponse<String> deleted = server().send("DELETE", "api/v1/namespaces/" + namespace, "application/json", "");
        assertEquals(200, deleted.statusCode(), deleted.body());
    }

    /** This server's address as it advertises it: the host's default, and the HTTPS port. */
    private static String ownEndpoint() {
        return ServingNames.defaultAdvertiseAddress() + ":" + System.getProperty("k3j.it.https-port");
    }

    private static boolean inServiceRange(String ip) {
        return Ipv4Cidr.parseAddress(ip).filter(SERVICE_CIDR::contains).isPresent();
    }

    @Test
    void kubectlShowsServiceKubernetesAndThisServersEndpoint() throws Exception {
        String all = server().kubectl("get", "svc,ep", "-A");

        assertTrue(all.matches("(?s).*NAMESPACE\\s+NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE\n.*"),
                all);
        assertTrue(all.matches("(?s).*\ndefault\\s+service/kubernetes\\s+ClusterIP\\s+10\\.43\\.0\\.1\\s+<none>\\s+"
                + "443/TCP\\s+\\d+[sm]\n.*"), all);
        assertTrue(all.matches("(?s).*NAMESPACE\\s+NAME\\s+ENDPOINTS\\s+AGE\n.*"), all);
        assertTrue(all.matches("(?s).*\ndefault\\s+endpoints/kubernetes\\s+" + ownEndpoint().replace(".", "\\.")
                + "\\s+\\d+[sm]\n.*"), all);

        String yaml = server().kubectl("get", "ep", "kubernetes", "-o", "yaml");
        assertTrue(yaml.contains("kind: Endpoints"), yaml);
        assertTrue(yaml.contains("- ip: " + ServingNames.defaultAdvertiseAddress() + "\n"), yaml);
        assertTrue(yaml.matches("(?s).*ports:\n\\s*- name: https\n\\s*port: " + System.getProperty("k3j.it.https-port")
                + "\n\\s*protocol: TCP\n.*"), yaml);

        String lease = server().kubectl("get", "leases", "-n", "kube-system", "-l", "k3j.io/apiserver-endpoint=true");
        assertTrue(lease.contains(ownEndpoint()), lease);
    }

    @Test
    void kubectlAppliesAServiceThatGetsAClusterIp() throws Exception {
        String manifest = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector:
                    app: web
                  ports:
                  - name: http
                    port: 80
                    targetPort: 8080
                """;
        KubectlResult applied = server().kubectlRun(manifest, "apply", "-n", namespace, "-f", "-");
        assertEquals(0, applied.exitCode(), applied.output());
        String clusterIp = server().kubectl("get", "svc", "web", "-n", namespace, "-o", "jsonpath={.spec.clusterIP}");
        assertTrue(inServiceRange(clusterIp), clusterIp);

        // applied again with a change: the three-way merge keeps the allocated address
        KubectlResult reapplied = server().kubectlRun(manifest.replace("8080", "9090"), "apply", "-n", namespace,
                "-f", "-");
        assertEquals(0, reapplied.exitCode(), reapplied.output());
        assertEquals(clusterIp + " 9090", server().kubectl("get", "svc", "web", "-n", namespace, "-o",
                "jsonpath={.spec.clusterIP} {.spec.ports[0].targetPort}"));

        String wide = server().kubectl("get", "svc", "-n", namespace, "-o", "wide");
        assertTrue(wide.matches("(?s)NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE\\s+SELECTOR\n"
                + "web\\s+ClusterIP\\s+" + clusterIp.replace(".", "\\.") + "\\s+<none>\\s+80/TCP\\s+\\d+s\\s+app=web\n"),
                wide);

        String explained = server().kubectl("explain", "service.spec.clusterIP");
        assertTrue(explained.contains("FIELD: clusterIP <string>"), explained);
        KubectlResult described = server().kubectlRun("", "describe", "svc", "web", "-n", namespace);
        assertEquals(0, described.exitCode(), described.output());
        assertTrue(described.output().matches("(?s)Name:\\s+web\n.*IP:\\s+" + clusterIp.replace(".", "\\.")
                + "\n.*TargetPort:\\s+9090/TCP\n.*"), described.output());

        KubectlResult moved = server().kubectlRun("", "patch", "svc", "web", "-n", namespace, "-p",
                "{\"spec\":{\"clusterIP\":\"10.43.0.77\"}}");
        assertNotEquals(0, moved.exitCode(), moved.output());
        assertTrue(moved.output().contains("may not change once set"), moved.output());
    }

    @Test
    void kubectlCreateSendsProtobufAndBadAddressesAreRefusedClearly() throws Exception {
        server().kubectl("create", "service", "clusterip", "api", "--tcp=443:8443", "-n", namespace);
        String created = server().kubectl("get", "svc", "api", "-n", namespace, "-o",
                "jsonpath={.spec.clusterIP} {.spec.ports[0].port}:{.spec.ports[0].targetPort}/{.spec.ports[0].protocol}");
        assertTrue(created.endsWith(" 443:8443/TCP"), created);
        assertTrue(inServiceRange(created.split(" ")[0]), created);

        String outside = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: outside
                spec:
                  clusterIP: 10.0.0.1
                  ports:
                  - port: 80
                """;
        KubectlResult refused = server().kubectlRun(outside, "apply", "-n", namespace, "-f", "-");
        assertNotEquals(0, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("the provided IP (10.0.0.1) is not in the valid range. The range of valid "
                + "IPs is 10.43.0.0/16"), refused.output());

        KubectlResult taken = server().kubectlRun(outside.replace("10.0.0.1", "10.43.0.1"), "apply", "-n", namespace,
                "-f", "-");
        assertNotEquals(0, taken.exitCode(), taken.output());
        assertTrue(taken.output().contains("provided IP is already allocated"), taken.output());
    }

    @Test
    void fabric8CreatesAndListsServices() {
        Config config = new ConfigBuilder().withMasterUrl(server().serverUrl()).withOauthToken(ItServer.adminToken())
                .withRequestTimeout(20_000).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            Service created = client.services().inNamespace(namespace).resource(new ServiceBuilder()
                    .withNewMetadata().withName("db").addToLabels("tier", "data").endMetadata()
                    .withNewSpec().withSelector(Map.of("app", "db"))
                    .addNewPort().withName("sql").withPort(5432).withTargetPort(new IntOrString("sql")).endPort()
                    .endSpec().build()).create();

            String clusterIp = created.getSpec().getClusterIP();
            assertTrue(inServiceRange(clusterIp), clusterIp);
            assertEquals(List.of(clusterIp), created.getSpec().getClusterIPs());
            assertEquals("ClusterIP", created.getSpec().getType());
            assertEquals("TCP", created.getSpec().getPorts().get(0).getProtocol());
            assertEquals(List.of("db"), client.services().inNamespace(namespace).withLabel("tier", "data").list()
                    .getItems().stream().map(s -> s.getMetadata().getName()).toList());
            assertTrue(client.services().inAnyNamespace().list().getItems().stream()
                    .anyMatch(s -> s.getMetadata().getName().equals("kubernetes")
                            && s.getSpec().getClusterIP().equals("10.43.0.1")));
            assertEquals(List.of(ownEndpoint().split(":")[0]), client.endpoints().inNamespace("default")
                    .withName("kubernetes").get().getSubsets().get(0).getAddresses().stream()
                    .map(a -> a.getIp()).toList());

            Service sameAddress = new ServiceBuilder().withNewMetadata().withName("other").endMetadata()
                    .withNewSpec().withClusterIP(clusterIp).addNewPort().withPort(1).endPort().endSpec().build();
            KubernetesClientException duplicate = assertThrows(KubernetesClientException.class,
                    () -> client.services().inNamespace(namespace).resource(sameAddress).create());
            assertEquals(422, duplicate.getCode());

            assertEquals(1, client.services().inNamespace(namespace).withName("db").delete().size());
            Service again = client.services().inNamespace(namespace).resource(new ServiceBuilder()
                    .withNewMetadata().withName("again").endMetadata()
                    .withNewSpec().withClusterIP(clusterIp).addNewPort().withPort(1).endPort().endSpec().build())
                    .create();
            assertEquals(clusterIp, again.getSpec().getClusterIP());
        }
    }
}
