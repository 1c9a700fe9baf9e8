package io.k3j.server.tls;

import io.k3j.server.bootstrap.SecureFiles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes the TLS material of a server that the launcher does not start, as the integration
 * tests' Payara Micro: {@code TlsMain <data-dir> <keystore-password>}, for loopback names and the
 * address the server advertises by default, as {@code --bind-address 0.0.0.0} would have it.
 * The password is given because the server's pre-boot commands, written before, must name it.
 */
public final class TlsMain {

    private TlsMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: TlsMain <data-dir> <keystore-password>");
            System.exit(2);
        }
        TlsFiles files = TlsFiles.of(Path.of(args[0]));
        if (!SecureFiles.read(files.keystorePassword()).map(String::strip).equals(Optional.of(args[1]))) {
            SecureFiles.writePrivate(files.keystorePassword(), args[1] + "\n");
        }
        ServingTls.ensure(files, ServingNames.forServer("0.0.0.0", true, Optional.empty(), Optional.empty()),
                Clock.systemUTC(), new SecureRandom());
    }
}
