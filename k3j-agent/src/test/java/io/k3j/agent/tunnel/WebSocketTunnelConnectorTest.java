package io.k3j.agent.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.agent.identity.NodeIdentity;
import io.k3j.agent.log.AgentLog;
import io.k3j.agent.testing.HttpsDouble;
import io.k3j.agent.testing.TestCertificates;
import io.k3j.agent.testing.WebSocketDouble;
import io.k3j.agent.trust.ClusterCa;
import io.k3j.agent.trust.ClusterToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebSocketTunnelConnectorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final NodeIdentity NODE = new NodeIdentity("n1", "node-password");

    private TestCertificates.Issued ca;
    private SSLContext serverTls;
    private WebSocketTunnelConnector connector;

    @BeforeEach
    void trustATestCa() throws Exception {
        ca = TestCertificates.certificateAuthority();
        serverTls = TestCertificates.serverContext(TestCertificates.serving(ca, List.of("localhost"), List.of("127.0.0.1")), ca);
        SSLContext clientTls = ClusterCa.verify(TestCertificates.pem(ca.certificate()), Optional.empty()).sslContext();
        HttpClient http = HttpClient.newBuilder().sslContext(clientTls).build();
        connector = new WebSocketTunnelConnector(NODE, ClusterToken.parse("K10" + "0".repeat(64) + "::server:clustersecret"),
                clientTls, http, TIMEOUT, new AgentLog("n1"));
    }

    /** Records what a tunnel reports. */
    private static final class Recorder implements TunnelListener {

        final BlockingQueue<ServerMessage> messages = new LinkedBlockingQueue<>();
        final CountDownLatch pong = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void onMessage(ServerMessage message) {
            messages.add(message);
        }

        @Override
        public void onPong() {
            pong.countDown();
        }

        @Override
        public void onClosed(String reason) {
            closed.countDown();
        }
    }

    @Test
    void opensTheTunnelWithTheNodesCredentialsAndReadsTheRegistration() throws Exception {
        String registration = "{\"apiVersion\":\"k3j.io/v1\",\"kind\":\"Registration\",\"nodeName\":\"n1\",\"nodeToken\":\"t\","
                + "\"servers\":[]}";
        try (WebSocketDouble server = new WebSocketDouble(serverTls, registration)) {
            Recorder recorder = new Recorder();
            Tunnel tunnel = connector.connect(server.url("127.0.0.1"), recorder);

            ServerMessage first = recorder.messages.poll(10, TimeUnit.SECONDS);
            assertEquals(new ServerMessage.Registration("n1", "t", List.of()), first);
            Map<String, String> handshake = server.handshakes().get(0);
            assertEquals("Basic " + Base64.getEncoder().encodeToString("node:clustersecret".getBytes(StandardCharsets.UTF_8)),
                    handshake.get("authorization"));
            assertEquals("n1", handshake.get("k3j-node-name"));
            assertEquals("node-password", handshake.get("k3j-node-password"));
            assertEquals("/v1-k3j/connect", handshake.get(":path"));

            tunnel.ping();
            assertTrue(recorder.pong.await(10, TimeUnit.SECONDS), "the pong is reported");
            assertTrue(tunnel.isOpen());

            server.sendToAll("{\"apiVersion\":\"k3j.io/v1\",\"kind\":\"Servers\",\"servers\":[\"https://b:6443\"]}");
            assertEquals(new ServerMessage.Servers(List.of(URI.create("https://b:6443"))), recorder.messages.poll(10, TimeUnit.SECONDS));

            server.dropAll();
            assertTrue(recorder.closed.await(10, TimeUnit.SECONDS), "a dropped connection is reported closed");
        }
    }

    @Test
    void aFinalRefusalCarriesTheServersOwnMessage() throws Exception {
        try (HttpsDouble server = new HttpsDouble(serverTls, TestCertificates.pem(ca.certificate()))) {
            server.refuseWith(403, "node n1: password mismatch; delete the node with 'kubectl delete node n1' or use --with-node-id");

            RegistrationRefusedException refusal = assertThrows(RegistrationRefusedException.class,
                    () -> connector.connect(server.url("127.0.0.1"), new Recorder()));

            assertEquals(403, refusal.status());
            assertTrue(refusal.isFinal());
            assertEquals("node n1: password mismatch; delete the node with 'kubectl delete node n1' or use --with-node-id",
                    refusal.getMessage());
            assertEquals("node-password", server.connectRequests().get(0).get("K3j-node-password").get(0));

            server.refuseWith(401, "invalid token");
            RegistrationRefusedException unauthorized = assertThrows(RegistrationRefusedException.class,
                    () -> connector.connect(server.url("127.0.0.1"), new Recorder()));
            assertEquals(401, unauthorized.status());
            assertEquals("invalid token", unauthorized.getMessage());

            server.refuseWith(401, "Unauthorized");
            assertEquals("the server refused the token (HTTP 401); check --token", assertThrows(RegistrationRefusedException.class,
                    () -> connector.connect(server.url("127.0.0.1"), new Recorder())).getMessage(),
                    "a bare reason phrase gives way to the agent's own sentence");
        }
    }

    @Test
    void aPassingRefusalIsNotFinalAndCostsNoSecondRequest() throws Exception {
        try (HttpsDouble server = new HttpsDouble(serverTls, TestCertificates.pem(ca.certificate()))) {
            server.refuseWith(429, "too many attempts");
            RegistrationRefusedException refusal = assertThrows(RegistrationRefusedException.class,
                    () -> connector.connect(server.url("127.0.0.1"), new Recorder()));

            assertEquals(429, refusal.status());
            assertFalse(refusal.isFinal());
            assertEquals(1, server.connectRequests().size());

            server.refuseWith(503, "not ready");
            assertFalse(assertThrows(RegistrationRefusedException.class,
                    () -> connector.connect(server.url("127.0.0.1"), new Recorder())).isFinal());
        }
    }

    @Test
    void aServerWhoseCertificateDoesNotNameItGetsNoCredentials() throws Exception {
        SSLContext misnamed = TestCertificates.serverContext(TestCertificates.serving(ca, List.of("localhost"), List.of()), ca);
        try (WebSocketDouble server = new WebSocketDouble(misnamed, "{}")) {
            assertThrows(IOException.class, () -> connector.connect(server.url("127.0.0.1"), new Recorder()));
            assertTrue(server.handshakes().isEmpty(), "no handshake, so no password, went out");
        }
    }

    @Test
    void anUnreachableServerIsAnIoError() {
        assertThrows(IOException.class, () -> connector.connect(URI.create("https://127.0.0.1:1"), new Recorder()));
    }
}
