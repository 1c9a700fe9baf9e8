package io.k3j.server.tls;

import io.k3j.server.bootstrap.SecureFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Makes the cluster CA and the serving certificate on the first start and keeps them: later
 * starts reuse them, and only the serving certificate is made anew, when it expires within
 * {@link #RENEW_BEFORE} or no longer names every address the server is reached by.
 */
public final class ServingTls {

    /** The keystore entry of the serving key, as the HTTPS listener's {@code cert-nickname}. */
    public static final String ALIAS = "k3j-serving";

    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration SERVING_VALIDITY = Duration.ofDays(365);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Certificates start a little in the past, for clocks that are a little behind. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final int PASSWORD_BYTES = 24;

    private ServingTls() {
    }

    /**
     * Makes or reuses the TLS material in {@code files} and returns the keystore to serve with.
     *
     * @throws TlsException when a file cannot be read, parsed or written
     */
    public static ServingKeystore ensure(TlsFiles files, ServingNames names, Clock clock, SecureRandom random) {
        try {
            SecureFiles.createPrivateDirectories(files.dir());
            Instant now = clock.instant();
            Certificates.Issued ca = readIssued(files.caCertificate(), files.caKey())
                    .orElseGet(() -> writeCertificateAuthority(files, now, random));
            String password = SecureFiles.read(files.keystorePassword()).map(String::strip).filter(p -> !p.isEmpty())
                    .orElseGet(() -> writePassword(files, random));
            Certificates.Issued serving = readIssued(files.servingCertificate(), files.servingKey())
                    .filter(issued -> usable(issued.certificate(), ca.certificate(), names, now))
                    .orElseGet(() -> writeServing(files, ca, names, now, random));
            if (!keystoreHolds(files.keystore(), password, serving.certificate())) {
                SecureFiles.writePrivate(files.keystore(), keystore(serving, ca.certificate(), password));
            }
            return new ServingKeystore(files.keystore(), ALIAS, password);
        } catch (UncheckedIOException e) {
            throw new TlsException(e.getMessage(), e);
        }
    }

    /** Whether a serving certificate is the CA's, names every address and is far from expiry. */
    private static boolean usable(X509Certificate serving, X509Certificate ca, ServingNames names, Instant now) {
        try {
            serving.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return false;
        }
        return serving.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE)) && names.coveredBy(serving);
    }

    private static Certificates.Issued writeCertificateAuthority(TlsFiles files, Instant now, SecureRandom random) {
        Certificates.Issued ca = Certificates.certificateAuthority("k3j-server-ca@" + now.getEpochSecond(),
                now.minus(BACKDATE), now.plus(CA_VALIDITY), random);
        // the key first: a certificate without its key would be taken for a complete CA
        SecureFiles.writePrivate(files.caKey(), Pem.privateKey(ca.key()));
        SecureFiles.writePrivate(files.caCertificate(), Pem.certificate(ca.certificate()));
        return ca;
    }

    private static Certificates.Issued writeServing(TlsFiles files, Certificates.Issued ca, ServingNames names,
            Instant now, SecureRandom random) {
        Certificates.Issued serving = Certificates.serving(ca, "k3j", names, now.minus(BACKDATE),
                now.plus(SERVING_VALIDITY), random);
        SecureFiles.writePrivate(files.servingKey(), Pem.privateKey(serving.key()));
        SecureFiles.writePrivate(files.servingCertificate(), Pem.certificate(serving.certificate()));
        return serving;
    }

    private static String writePassword(TlsFiles files, SecureRandom random) {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SecureFiles.writePrivate(files.keystorePassword(), password + "\n");
        return password;
    }

    /**
     * A certificate and its key from their files; empty when either file is missing.
     *
     * @throws TlsException when a file holds something else, or a key that does not fit
     */
    private static Optional<Certificates.Issued> readIssued(Path certificateFile, Path keyFile) {
        Optional<String> certificatePem = SecureFiles.read(certificateFile);
        Optional<String> keyPem = SecureFiles.read(keyFile);
        if (certificatePem.isEmpty() || keyPem.isEmpty()) {
            return Optional.empty();
        }
        X509Certificate certificate;
        PrivateKey key;
        try {
            certificate = Pem.readCertificate(certificatePem.get());
        } catch (GeneralSecurityException e) {
            throw new TlsException(certificateFile + " holds no PEM certificate (" + e.getMessage()
                    + "); delete it to have a new one made");
        }
        try {
            key = Pem.readEcPrivateKey(keyPem.get());
        } catch (GeneralSecurityException e) {
            throw new TlsException(keyFile + " holds no PEM EC private key (" + e.getMessage()
                    + "); delete it to have a new one made");
        }
        return Optional.of(new Certificates.Issued(certificate, key));
    }

    private static boolean keystoreHolds(Path file, String password, X509Certificate serving) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(new ByteArrayInputStream(Files.readAllBytes(file)), password.toCharArray());
            return serving.equals(keystore.getCertificate(ALIAS)) && keystore.isKeyEntry(ALIAS);
        } catch (IOException | GeneralSecurityException e) {
            // unreadable, or another password: made anew from the PEM files
            return false;
        }
    }

    private static byte[] keystore(Certificates.Issued serving, X509Certificate ca, String password) {
        try {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(null, null);
            keystore.setKeyEntry(ALIAS, serving.key(), password.toCharArray(),
                    new Certificate[] {serving.certificate(), ca});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            keystore.store(out, password.toCharArray());
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsException("cannot make the keystore " + ALIAS + ": " + e.getMessage(), e);
        }
    }
}
