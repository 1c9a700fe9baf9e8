package io.k3j.launcher;

import io.k3j.server.config.ServerConfig;
import io.k3j.server.tls.ServingKeystore;
import io.k3j.server.tls.ServingNames;
import io.k3j.server.tls.ServingTls;
import io.k3j.server.tls.TlsException;
import io.k3j.server.tls.TlsFiles;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code k3j server}: Payara Micro running k3j.war at the root path, configured by system properties and environment. */
final class ServerCommand {

    /**
     * Measured on 2 cores with Java 17: serial GC keeps the idle server well under 450 MB. The heap
     * bound stays under the 512 MB a server may use, and above what 1,000 nodes keep live (about
     * 150 MB of objects, plus the watch window and scrypt's 32 MiB arrays): at 384 MB every young
     * collection of that cluster became a full one. C2 stays on: without it TLS (AES-GCM) and
     * hashing run as plain Java, several times slower, for little gain in start time or memory
     * (k3j-bench/RESULTS.md).
     */
    static final List<String> JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-Xss512k", "-Xmx480m", "-XX:+ExitOnOutOfMemoryError");

    /** The keystore's password, for the HTTPS listener: in the environment, which {@code ps} does not show. */
    static final String KEYSTORE_PASSWORD_VARIABLE = "K3J_SERVING_KEYSTORE_PASSWORD";

    static final String USAGE = """
            Usage: k3j server [flags]

            Runs a k3j server in the foreground: the Kubernetes API at https://<bind-address>:<port>/,
            under a cluster CA made on the first start in <data-dir>/tls.
            The log goes to stdout; a start that fails prints one line 'k3j: ...' on stderr.

            Flags (each also read from the environment variable in brackets; a flag beats its variable):
              --data-dir DIR             state, token and kubeconfig; default /var/lib/k3j/server as root,
                                         else ~/.k3j/server  [K3J_DATA_DIR]
              --https-listen-port PORT   API port (default 6443)  [K3J_HTTPS_LISTEN_PORT]
              --bind-address ADDR        address to listen on (default 0.0.0.0)  [K3J_BIND_ADDRESS]
              --advertise-address ADDR   address other nodes use to reach this server  [K3J_ADVERTISE_ADDRESS]
              --datastore-endpoint URL   h2:file:/path (default <data-dir>/db/k3j), postgres://user:pass@host:5432/db
                                         [K3J_DATASTORE_ENDPOINT]
              --token TOKEN              cluster token; generated on the first start if not given  [K3J_TOKEN]
              --token-file FILE          file holding the cluster token  [K3J_TOKEN_FILE]
              --write-kubeconfig FILE    admin kubeconfig (default <data-dir>/k3j.yaml)  [K3J_WRITE_KUBECONFIG]
              --plugins-dir DIR          plugin jars to load (default plugins/ beside bin/)  [K3J_PLUGINS_DIR]
              --service-cidr CIDR        IPv4 range of Service cluster IPs (default 10.43.0.0/16)  [K3J_SERVICE_CIDR]
              --cluster-cidr CIDR        IPv4 range of pod IPs, a /24 per node (default 10.42.0.0/16)  [K3J_CLUSTER_CIDR]

            The server also runs a local agent, so that it is a node of its cluster too; its log lines
            start with '[agent] ' and its node password is kept in <data-dir>/agent.
              --node-name NAME           the local node's name (default: the host name)  [K3J_NODE_NAME]
              --with-node-id             append a unique id, kept in <data-dir>/agent/node/id, to the node name
              --disable-agent            run no local agent
            """;

    private ServerCommand() {
    }

    /**
     * Checks the settings and the port, prepares the data dir and says how to start the server.
     *
     * @throws UsageException for a bad flag or value
     * @throws LaunchException when the port is taken or the data dir cannot be prepared
     */
    static Plan plan(List<String> args, Map<String, String> env, Layout layout) {
        ServerFlags.Parsed parsed = ServerFlags.parseAll(args, env,
                ServerConfig.defaultDataDir(System.getProperty("user.name"), Path.of(System.getProperty("user.home"))),
                layout.pluginsDir());
        ServerConfig config = parsed.config();
        checkPortIsFree(config.bindAddress(), config.httpsListenPort());
        ServingKeystore keystore = prepareTls(config);
        Path preboot = prepareDataDir(config, keystore);
        List<String> localAgent = parsed.localAgent().map(naming -> LocalAgentCommand.command(config, naming, layout))
                .orElse(List.of());
        return new Plan(true, environment(config, keystore), localAgent, command(config, layout, preboot));
    }

    /**
     * Secrets go in the environment, where {@code ps} does not show them; every other
     * {@code K3J_} setting variable is unset, so that the server sees exactly what the launcher resolved.
     */
    static Map<String, Optional<String>> environment(ServerConfig config, ServingKeystore keystore) {
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        ServerFlags.VALUE_FLAGS.forEach(flag -> env.put(ServerFlags.variable(flag), Optional.empty()));
        env.put(ServerFlags.variable("token"), config.token());
        env.put(ServerFlags.variable("datastore-endpoint"), Optional.of(config.datastoreEndpoint()));
        env.put(KEYSTORE_PASSWORD_VARIABLE, Optional.of(keystore.password()));
        return env;
    }

    static List<String> command(ServerConfig config, Layout layout, Path preboot) {
        List<String> command = new ArrayList<>();
        command.add(layout.java().toString());
        command.addAll(JVM_OPTIONS);
        command.add(property(ServerConfig.DATA_DIR, config.dataDir().toString()));
        command.add(property(ServerConfig.HTTPS_LISTEN_PORT, Integer.toString(config.httpsListenPort())));
        command.add(property(ServerConfig.BIND_ADDRESS, config.bindAddress()));
        config.advertiseAddress().ifPresent(address -> command.add(property(ServerConfig.ADVERTISE_ADDRESS, address)));
        config.tokenFile().ifPresent(file -> command.add(property(ServerConfig.TOKEN_FILE, file.toString())));
        command.add(property(ServerConfig.WRITE_KUBECONFIG, config.writeKubeconfig().toString()));
        config.pluginsDir().ifPresent(dir -> command.add(property(ServerConfig.PLUGINS_DIR, dir.toString())));
        command.add(property(ServerConfig.SERVICE_CIDR, config.serviceCidr().toString()));
        command.add(property(ServerConfig.CLUSTER_CIDR, config.clusterCidr().toString()));
        command.addAll(List.of("-jar", layout.payaraMicro().toString(),
                "--deploy", layout.war().toString(),
                "--contextroot", "/",
                // HTTPS only: the pre-boot commands disable the plain HTTP listener
                "--sslport", Integer.toString(config.httpsListenPort()),
                // Micro has no bind flag nor keystore flags; the listener is set up before it boots
                "--prebootcommandfile", preboot.toString(),
                // in the data dir rather than a new directory in /tmp for every start, which a
                // failed start (halted, so without cleanup) would leave behind, 100 MB each
                "--rootdir", payaraRoot(config).toString(),
                "--nohazelcast",
                "--disablephonehome"));
        return command;
    }

    /**
     * The HTTPS listener on the bind address with the serving keystore, and no plain HTTP listener.
     * Payara's own SSL implementation reads only its global keystore, whose password would have to
     * be a system property that {@code ps} shows; Grizzly's plain JSSE one reads the listener's own
     * keystore, with the password taken from the environment when the listener starts (this file
     * and Payara's log only name the variable).
     */
    static String prebootCommands(String bindAddress, ServingKeystore keystore) {
        String listeners = "set configs.config.server-config.network-config.network-listeners.network-listener.";
        String ssl = "set configs.config.server-config.network-config.protocols.protocol.https-listener.ssl.";
        return listeners + "http-listener.enabled=false\n"
                + listeners + "https-listener.address=" + bindAddress + "\n"
                + ssl + "classname=org.glassfish.grizzly.config.ssl.JSSEImplementation\n"
                + ssl + "key-store=" + keystore.file() + "\n"
                + ssl + "key-store-password=${ENV=" + KEYSTORE_PASSWORD_VARIABLE + "}\n"
                + ssl + "cert-nickname=" + keystore.alias() + "\n"
                // kubectl sends DeleteOptions as a DELETE body, which Grizzly refuses with a bare 400 by default
                + "set configs.config.server-config.network-config.protocols.protocol.https-listener.http"
                + ".allow-payload-for-undefined-http-methods=true\n";
    }

    private static String property(String key, String value) {
        return "-D" + key + "=" + value;
    }

    /** Fails early and clearly, rather than after Payara's boot, when something listens on the port. */
    static void checkPortIsFree(String address, int port) {
        InetSocketAddress socketAddress = new InetSocketAddress(address, port);
        if (socketAddress.isUnresolved()) {
            throw new LaunchException("cannot resolve the bind address " + address);
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(socketAddress);
        } catch (BindException e) {
            throw new LaunchException("cannot listen on " + address + ":" + port + ": "
                    + ("Address already in use".equals(e.getMessage()) ? "the port is already in use" : e.getMessage()));
        } catch (IOException e) {
            throw new LaunchException("cannot listen on " + address + ":" + port + ": " + e.getMessage());
        }
    }

    /** Makes or reuses the cluster CA and the serving certificate, for every address the server is reached by. */
    private static ServingKeystore prepareTls(ServerConfig config) {
        TlsFiles files = TlsFiles.of(config.dataDir());
        ServingNames names = ServingNames.forServer(config.bindAddress(), config.bindsAnyAddress(),
                config.advertiseAddress(), ServingNames.localHostName());
        try {
            return ServingTls.ensure(files, names, Clock.systemUTC(), new SecureRandom());
        } catch (TlsException e) {
            throw new LaunchException("cannot prepare the TLS files in " + files.dir() + ": " + e.getMessage());
        }
    }

    private static Path payaraRoot(ServerConfig config) {
        return config.dataDir().resolve("payara");
    }

    /**
     * Creates the data dir (mode 0700, as it holds the token), clears what Payara kept of the
     * previous start and writes its pre-boot commands.
     */
    private static Path prepareDataDir(ServerConfig config, ServingKeystore keystore) {
        Path root = payaraRoot(config);
        try {
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            // the kept domain.xml lists the previous start's deployment, which Payara would deploy
            // before the --deploy one; the unpacked runtime is kept
            Files.deleteIfExists(root.resolve("config/domain.xml"));
            Files.deleteIfExists(root.resolve("config/domain.xml.bak"));
            deleteTree(root.resolve("applications"));
            deleteTree(root.resolve("generated"));
            return Files.writeString(root.resolve("preboot.asadmin"), prebootCommands(config.bindAddress(), keystore));
        } catch (AccessDeniedException e) {
            throw new LaunchException("cannot prepare the data dir " + config.dataDir() + ": permission denied on " + e.getFile());
        } catch (IOException e) {
            throw new LaunchException("cannot prepare the data dir " + config.dataDir() + ": " + e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
