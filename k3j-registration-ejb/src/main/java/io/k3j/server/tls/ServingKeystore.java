package io.k3j.server.tls;

import java.nio.file.Path;

/**
 * The keystore an HTTPS listener serves with.
 *
 * @param file the PKCS12 file
 * @param alias the entry holding the serving key and its chain
 * @param password the password of the file and the entry, a secret
 */
public record ServingKeystore(Path file, String alias, String password) {

    /** Leaves out the password. */
    @Override
    public String toString() {
        return "ServingKeystore[file=" + file + ", alias=" + alias + ", password=***]";
    }
}
