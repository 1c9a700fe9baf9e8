package io.k3j.server.tls;

import java.nio.file.Path;

/**
 * Where the TLS material lives: {@code <data-dir>/tls}, named as K3s names its server files.
 *
 * @param dir the directory, mode 0700
 */
public record TlsFiles(Path dir) {

    /** The TLS directory of a server's data dir. */
    public static TlsFiles of(Path dataDir) {
        return new TlsFiles(dataDir.resolve("tls"));
    }

    /** The cluster CA's certificate (PEM), which clients trust. */
    public Path caCertificate() {
        return dir.resolve("server-ca.crt");
    }

    public Path caKey() {
        return dir.resolve("server-ca.key");
    }

    /** The API's certificate (PEM), signed by the CA. */
    public Path servingCertificate() {
        return dir.resolve("serving.crt");
    }

    public Path servingKey() {
        return dir.resolve("serving.key");
    }

    /** PKCS12: the serving key with its chain, as the HTTPS listener reads it. */
    public Path keystore() {
        return dir.resolve("serving.p12");
    }

    /** The keystore's password, alone in a file of mode 0600. */
    public Path keystorePassword() {
        return dir.resolve("serving.p12.password");
    }
}
