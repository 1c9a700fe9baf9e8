package io.k3j.agent.trust;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The cluster CA as the server's {@code /cacerts} answers it, and the TLS context that trusts it
 * alone (host names are checked by the clients that use it: the JDK HTTP client and Tyrus).
 *
 * @param pem the exact bytes the server sent, whose SHA-256 the full token carries
 * @param sha256 their SHA-256, lower-case hex
 * @param certificates the certificates in them
 */
public record ClusterCa(byte[] pem, String sha256, List<X509Certificate> certificates) {

    public ClusterCa {
        pem = pem.clone();
        certificates = List.copyOf(certificates);
    }

    /**
     * Checks the server's answer against the token's hash, if it has one, and reads the certificates.
     *
     * @throws TrustException for a hash that does not match, or an answer that holds no certificate
     */
    public static ClusterCa verify(byte[] pem, Optional<String> expectedSha256) throws TrustException {
        String actual = sha256(pem);
        if (expectedSha256.isPresent() && !expectedSha256.get().equals(actual)) {
            throw new TrustException("the server's CA certificate does not match the token (its SHA-256 is " + actual
                    + ", the token expects " + expectedSha256.get() + "); check --server and --token");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw new TrustException("the server's /cacerts answer is no PEM certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new TrustException("the server's /cacerts answer holds no certificate");
        }
        return new ClusterCa(pem, actual, certificates);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A TLS context whose only trust anchors are these certificates. */
    public SSLContext sslContext() {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                anchors.setCertificateEntry("k3j-ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a TLS context for the cluster CA: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] pem() {
        return pem.clone();
    }

    @Override
    public String toString() {
        return "ClusterCa[sha256=" + sha256 + ", " + new String(pem, StandardCharsets.US_ASCII).lines().count() + " PEM lines]";
    }
}
