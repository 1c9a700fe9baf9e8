package io.k3j.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Makes real material and checks it as TLS clients would: the JDK's PKIX validation and a real handshake. */
class ServingTlsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final ServingNames NAMES = ServingNames.forServer("0.0.0.0", true, Optional.of("10.1.2.3"),
            Optional.of("node-a"));

    @TempDir
    Path temp;

    private final SecureRandom random = new SecureRandom();

    private ServingKeystore ensure(Path dataDir, ServingNames names, Instant now) {
        return ServingTls.ensure(TlsFiles.of(dataDir), names, Clock.fixed(now, ZoneOffset.UTC), random);
    }

    @Test
    void makesACaAndAServingCertificateThatThePkixValidatorAccepts() throws Exception {
        ServingKeystore keystore = ensure(temp, NAMES, NOW);
        TlsFiles files = TlsFiles.of(temp);

        X509Certificate ca = certificate(files.caCertificate());
        X509Certificate serving = certificate(files.servingCertificate());
        assertTrue(ca.getSubjectX500Principal().getName().startsWith("CN=k3j-server-ca@" + NOW.getEpochSecond()));
        assertEquals(ca.getSubjectX500Principal(), serving.getIssuerX500Principal());
        assertTrue(ca.getBasicConstraints() >= 0, "the CA may sign");
        assertEquals(-1, serving.getBasicConstraints(), "the serving certificate is no CA");
        assertEquals(Duration.ofDays(3650), Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant())
                .minus(Duration.ofMinutes(5)));
        assertTrue(serving.getNotAfter().toInstant().isAfter(NOW.plus(Duration.ofDays(364))));
        assertEquals("EC", serving.getPublicKey().getAlgorithm());
        assertTrue(serving.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), serving.getExtendedKeyUsage(), "serverAuth");

        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        assertDoesNotThrow(() -> CertPathValidator.getInstance("PKIX")
                .validate(factory.generateCertPath(List.of(serving)), parameters));

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore.file())) {
            p12.load(in, keystore.password().toCharArray());
        }
        assertEquals(List.of(serving, ca), Arrays.asList(p12.getCertificateChain(ServingTls.ALIAS)));
        assertEquals(keystore.password(), Files.readString(files.keystorePassword()).strip());
        assertFalse(keystore.toString().contains(keystore.password()));
    }

    @Test
    void aClientTrustingTheCaAcceptsEveryServingNameAndNoOther() throws Exception {
        ServingKeystore keystore = ensure(temp, NAMES, Instant.now());
        SSLContext client = clientTrusting(TlsFiles.of(temp).caCertificate());
        for (String host : List.of("127.0.0.1", "localhost", "node-a", "NODE-A", "10.1.2.3")) {
            assertDoesNotThrow(() -> handshake(keystore, client, host), host);
        }
        assertThrows(SSLHandshakeException.class, () -> handshake(keystore, client, "elsewhere.example"));
        assertThrows(SSLHandshakeException.class, () -> handshake(keystore, client, "10.1.2.4"));
        SSLContext otherCa = clientTrusting(otherCa());
        assertThrows(SSLHandshakeException.class, () -> handshake(keystore, otherCa, "127.0.0.1"));
    }

    @Test
    void keepsEverythingPrivate() throws IOException {
        ensure(temp, NAMES, NOW);
        TlsFiles files = TlsFiles.of(temp);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.dir())));
        for (Path file : List.of(files.caKey(), files.servingKey(), files.keystore(), files.keystorePassword(),
                files.caCertificate(), files.servingCertificate())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }

    @Test
    void laterStartsReuseEveryFile() throws IOException {
        ServingKeystore first = ensure(temp, NAMES, NOW);
        Map<String, byte[]> before = contents(TlsFiles.of(temp));
        ServingKeystore second = ensure(temp, NAMES, NOW.plus(Duration.ofDays(100)));
        assertEquals(first, second);
        assertFilesEqual(before, contents(TlsFiles.of(temp)));
    }

    @Test
    void renewsTheServingCertificateNearItsEndButKeepsTheCa() throws Exception {
        ServingKeystore first = ensure(temp, NAMES, NOW);
        TlsFiles files = TlsFiles.of(temp);
        byte[] ca = Files.readAllBytes(files.caCertificate());
        X509Certificate old = certificate(files.servingCertificate());

        Instant late = NOW.plus(Duration.ofDays(340));
        ServingKeystore second = ensure(temp, NAMES, late);
        X509Certificate renewed = certificate(files.servingCertificate());
        assertNotEquals(old, renewed);
        assertTrue(renewed.getNotAfter().toInstant().isAfter(late.plus(Duration.ofDays(364))));
        assertArrayEquals(ca, Files.readAllBytes(files.caCertificate()));
        assertEquals(first.password(), second.password());
        renewed.verify(certificate(files.caCertificate()).getPublicKey());
        assertEquals(renewed, keystoreCertificate(second));
    }

    @Test
    void makesANewServingCertificateWhenAnAddressIsNew() throws Exception {
        ensure(temp, NAMES, NOW);
        TlsFiles files = TlsFiles.of(temp);
        byte[] ca = Files.readAllBytes(files.caCertificate());
        ServingNames moreNames = ServingNames.forServer("192.168.7.9", false, Optional.of("api.example"),
                Optional.of("node-a"));
        assertFalse(moreNames.coveredBy(certificate(files.servingCertificate())));

        ServingKeystore keystore = ensure(temp, moreNames, NOW);
        X509Certificate serving = certificate(files.servingCertificate());
        assertTrue(moreNames.coveredBy(serving));
        assertTrue(serving.getSubjectAlternativeNames().stream()
                .anyMatch(entry -> entry.get(1).equals("192.168.7.9")));
        assertArrayEquals(ca, Files.readAllBytes(files.caCertificate()));
        assertEquals(serving, keystoreCertificate(keystore));
    }

    @Test
    void remakesAKeystoreThatNoLongerOpens() throws Exception {
        ensure(temp, NAMES, NOW);
        TlsFiles files = TlsFiles.of(temp);
        Files.write(files.keystore(), new byte[] {1, 2, 3});
        ServingKeystore keystore = ensure(temp, NAMES, NOW);
        assertEquals(certificate(files.servingCertificate()), keystoreCertificate(keystore));
    }

    @Test
    void refusesACertificateFileThatHoldsSomethingElse() throws IOException {
        ensure(temp, NAMES, NOW);
        Files.writeString(TlsFiles.of(temp).caCertificate(), "not a certificate\n");
        TlsException e = assertThrows(TlsException.class, () -> ensure(temp, NAMES, NOW));
        assertTrue(e.getMessage().contains("server-ca.crt holds no PEM certificate"), e.getMessage());
    }

    @Test
    void namesTellAddressesFromHostNames() throws Exception {
        ServingNames names = ServingNames.forServer("::", true, Optional.of("[fd00::5]"), Optional.of("Node-B"));
        assertEquals(Set.of("localhost", "node-b"), names.dnsNames());
        assertEquals(Set.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"),
                InetAddress.getByName("fd00::5")), names.addresses());
        assertEquals(Set.of("localhost", "10.0.0.1.example"),
                ServingNames.of(List.of("localhost", "10.0.0.1.example")).dnsNames());
    }

    private static X509Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static X509Certificate keystoreCertificate(ServingKeystore keystore) throws Exception {
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore.file())) {
            p12.load(in, keystore.password().toCharArray());
        }
        return (X509Certificate) p12.getCertificate(keystore.alias());
    }

    private static Map<String, byte[]> contents(TlsFiles files) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (var paths = Files.list(files.dir())) {
            for (Path path : paths.toList()) {
                contents.put(path.getFileName().toString(), Files.readAllBytes(path));
            }
        }
        return contents;
    }

    private static void assertFilesEqual(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, bytes) -> assertArrayEquals(bytes, actual.get(name), name));
    }

    private Path otherCa() throws IOException {
        Path other = Files.createDirectories(temp.resolve("other"));
        ensure(other, NAMES, Instant.now());
        return TlsFiles.of(other).caCertificate();
    }

    private static SSLContext clientTrusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificate(caFile));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    /** A real TLS handshake over loopback, the client checking the certificate for {@code host} as HTTPS clients do. */
    private static void handshake(ServingKeystore keystore, SSLContext client, String host) throws Exception {
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore.file())) {
            p12.load(in, keystore.password().toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(p12, keystore.password().toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.startHandshake();
                    socket.getOutputStream().write(1);
                } catch (IOException refusedByTheClient) {
                    // the client's verdict is what the test checks
                }
            });
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()));
                SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, host, listener.getLocalPort(), false);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                assertEquals(1, socket.getInputStream().read());
            } finally {
                accepted.join();
            }
        }
    }
}
