package io.k3j.agent.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.agent.testing.HttpsDouble;
import io.k3j.agent.testing.TestCertificates;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterTrustTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TestCertificates.Issued ca;
    private byte[] caPem;
    private HttpsDouble server;

    @BeforeEach
    void startServer() throws Exception {
        ca = TestCertificates.certificateAuthority();
        caPem = TestCertificates.pem(ca.certificate());
        TestCertificates.Issued serving = TestCertificates.serving(ca, List.of("localhost"), List.of("127.0.0.1"));
        server = new HttpsDouble(TestCertificates.serverContext(serving, ca), caPem);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void parsesTheFullAndTheBareToken() {
        String hash = "0123456789abcdef".repeat(4);
        ClusterToken full = ClusterToken.parse("K10" + hash.toUpperCase() + "::server:the:secret\n");
        assertEquals(Optional.of(hash), full.caHash());
        assertEquals("the:secret", full.secret(), "everything after the user is the secret");

        ClusterToken bare = ClusterToken.parse("justasecret");
        assertEquals(Optional.empty(), bare.caHash());
        assertEquals("justasecret", bare.secret());

        assertFalse(full.toString().contains("secret"), full.toString());
        assertThrows(IllegalArgumentException.class, () -> ClusterToken.parse("K10" + hash + "::server"));
        assertThrows(IllegalArgumentException.class, () -> ClusterToken.parse("K10" + hash + "::server:"));
        assertThrows(IllegalArgumentException.class, () -> ClusterToken.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> ClusterToken.parse("two words"));
    }

    @Test
    void aFullTokenAcceptsTheCaWhoseHashItCarries() throws Exception {
        ClusterToken token = ClusterToken.parse("K10" + ClusterCa.sha256(caPem) + "::server:s");
        ClusterCa fetched = CaFetcher.fetch(server.url("127.0.0.1"), token, TIMEOUT);

        assertArrayEquals(caPem, fetched.pem());
        assertEquals(ca.certificate(), fetched.certificates().get(0));
    }

    @Test
    void aFullTokenRefusesAnotherCaBeforeSendingAnySecret() throws Exception {
        String otherHash = ClusterCa.sha256("another CA".getBytes());
        TrustException e = assertThrows(TrustException.class,
                () -> CaFetcher.fetch(server.url("127.0.0.1"), ClusterToken.parse("K10" + otherHash + "::server:s"), TIMEOUT));

        assertTrue(e.getMessage().startsWith("the server's CA certificate does not match the token"), e.getMessage());
        assertTrue(e.getMessage().contains(ClusterCa.sha256(caPem)), "names the hash it saw");
        assertTrue(server.connectRequests().isEmpty());
    }

    @Test
    void theContextTrustsTheClusterCaOnlyAndChecksHostNames() throws Exception {
        ClusterCa trusted = CaFetcher.fetch(server.url("127.0.0.1"), ClusterToken.parse("bare"), TIMEOUT);
        HttpClient client = HttpClient.newBuilder().sslContext(trusted.sslContext()).connectTimeout(TIMEOUT).build();

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(server.url("localhost").resolve("/cacerts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());

        ClusterCa other = ClusterCa.verify(TestCertificates.pem(TestCertificates.certificateAuthority().certificate()),
                Optional.empty());
        HttpClient distrusting = HttpClient.newBuilder().sslContext(other.sslContext()).connectTimeout(TIMEOUT).build();
        assertThrows(SSLHandshakeException.class, () -> distrusting.send(
                HttpRequest.newBuilder(server.url("127.0.0.1").resolve("/cacerts")).build(), HttpResponse.BodyHandlers.ofString()));

        // a certificate of the same CA that does not name the address the client used
        TestCertificates.Issued localhostOnly = TestCertificates.serving(ca, List.of("localhost"), List.of());
        try (HttpsDouble misnamed = new HttpsDouble(TestCertificates.serverContext(localhostOnly, ca), caPem)) {
            assertEquals(200, client.send(HttpRequest.newBuilder(misnamed.url("localhost").resolve("/cacerts")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertThrows(SSLHandshakeException.class, () -> client.send(
                    HttpRequest.newBuilder(misnamed.url("127.0.0.1").resolve("/cacerts")).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void anAnswerWithoutCertificateIsRefused() {
        assertThrows(TrustException.class, () -> ClusterCa.verify("not a certificate".getBytes(), Optional.empty()));
    }
}
