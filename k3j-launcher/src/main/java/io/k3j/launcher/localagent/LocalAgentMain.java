package io.k3j.launcher.localagent;

import io.k3j.agent.Agent;
import io.k3j.agent.AgentConfig;
import io.k3j.agent.AgentException;
import io.k3j.agent.trust.ClusterCa;
import io.k3j.agent.trust.ClusterToken;
import io.k3j.agent.trust.TrustException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server's local agent, in a JVM of its own that {@code bin/k3j} starts beside the server
 * (see {@code LocalAgentCommand}). It lives as long as the server: its standard input is a pipe
 * whose other end only the server holds, so the end of the server, even by SIGKILL, is the end of
 * input, and then the agent ends too.
 *
 * <p>It waits until the server answers {@code /readyz}, as by then the server has settled the
 * cluster token and written it to {@code <data-dir>/token}; it checks the server's CA against the
 * one in the data dir rather than trusting it on first use. Its log goes to stdout, each line
 * starting with {@value #LOG_PREFIX}; a refusal is one line {@code k3j: the local agent stopped: ...}
 * on stderr, and the server goes on without its node.
 */
public final class LocalAgentMain {

    static final String LOG_PREFIX = "[agent] ";
    private static final Duration READY_POLL = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** K3s labels a server's node so; {@code kubectl get nodes} shows them as its roles. */
    static final Map<String, String> SERVER_NODE_LABELS = Map.of(
            "node-role.kubernetes.io/control-plane", "true", "node-role.kubernetes.io/master", "true");

    private LocalAgentMain() {
    }

    /**
     * What the launcher passes.
     *
     * @param server the server's URL on this machine
     * @param dataDir the agent's data dir, in the server's
     * @param tokenFile where the server writes the cluster token
     * @param caFile the cluster CA certificate that the launcher made
     * @param nodeName the node name; the host name when empty
     * @param withNodeId whether to append the node id
     * @param leaseDuration the node lease's duration
     * @param leaseRenewInterval how often the node lease is renewed
     */
    record Settings(URI server, Path dataDir, Path tokenFile, Path caFile, Optional<String> nodeName, boolean withNodeId,
            Duration leaseDuration, Duration leaseRenewInterval) {

        /** @throws IllegalArgumentException for arguments the launcher does not write */
        static Settings parse(List<String> args) {
            URI server = null;
            Path dataDir = null;
            Path tokenFile = null;
            Path caFile = null;
            Optional<String> nodeName = Optional.empty();
            boolean withNodeId = false;
            Duration leaseDuration = AgentConfig.DEFAULT_LEASE_DURATION;
            Duration leaseRenewInterval = AgentConfig.DEFAULT_LEASE_RENEW_INTERVAL;
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (flag.equals("--with-node-id")) {
                    withNodeId = true;
                    continue;
                }
                if (i + 1 == args.size()) {
                    throw new IllegalArgumentException("flag " + flag + " needs a value");
                }
                String value = args.get(++i);
                switch (flag) {
                    case "--server" -> server = URI.create(value);
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--token-file" -> tokenFile = Path.of(value);
                    case "--ca-file" -> caFile = Path.of(value);
                    case "--node-name" -> nodeName = Optional.of(value);
                    case "--node-lease-duration" -> leaseDuration = duration(flag, value);
                    case "--node-lease-renew-interval" -> leaseRenewInterval = duration(flag, value);
                    default -> throw new IllegalArgumentException("unknown flag " + flag);
                }
            }
            if (server == null || dataDir == null || tokenFile == null || caFile == null) {
                throw new IllegalArgumentException("--server, --data-dir, --token-file and --ca-file are required");
            }
            return new Settings(server, dataDir, tokenFile, caFile, nodeName, withNodeId, leaseDuration, leaseRenewInterval);
        }

        /** ISO-8601, as {@link Duration#toString()} writes it. */
        private static Duration duration(String flag, String value) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(flag + " '" + value + "' is no ISO-8601 duration");
            }
        }
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("k3j: the local agent cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrefixedLog.install(System.out, LOG_PREFIX);
        AtomicBoolean serverGone = new AtomicBoolean();
        watchLifeline(System.in, serverGone);
        System.exit(run(settings, serverGone, System.err));
    }

    static int run(Settings settings, AtomicBoolean serverGone, PrintStream err) {
        Agent agent = null;
        try {
            ClusterCa ca = readCa(settings.caFile());
            awaitReady(settings.server(), ca);
            agent = new Agent(config(settings, ca, Files.readString(settings.tokenFile())));
            Agent running = agent;
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "k3j-local-agent-shutdown"));
            agent.start();
            agent.termination().join();
            return 0;
        } catch (AgentException | IOException | TrustException | IllegalArgumentException e) {
            return stopped(e.getMessage(), serverGone, err);
        } catch (CompletionException e) {
            return stopped(e.getCause().getMessage(), serverGone, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (agent != null) {
                agent.close();
            }
        }
    }

    private static int stopped(String reason, AtomicBoolean serverGone, PrintStream err) {
        // once the server has gone, failures are only its going
        if (serverGone.get()) {
            return 0;
        }
        err.println("k3j: the local agent stopped: " + reason);
        return 1;
    }

    /**
     * The agent that {@code k3j agent} would run with this node naming, trusting exactly the
     * given CA: the token gets the CA's hash, as a K10 token carries it.
     */
    static AgentConfig config(Settings settings, ClusterCa ca, String tokenFileContent) {
        String secret = ClusterToken.parse(tokenFileContent).secret();
        AgentConfig config = AgentConfig.of(settings.server(), new ClusterToken(Optional.of(ca.sha256()), secret),
                        settings.dataDir())
                .withNodeId(settings.withNodeId())
                .withNodeLabels(SERVER_NODE_LABELS)
                .withLease(settings.leaseDuration(), settings.leaseRenewInterval());
        return settings.nodeName().map(config::withNodeName).orElse(config);
    }

    private static ClusterCa readCa(Path caFile) throws IOException, TrustException {
        return ClusterCa.verify(Files.readAllBytes(caFile), Optional.empty());
    }

    /** Polls {@code /readyz}: the server answers it once it has settled the token, which it then has written. */
    private static void awaitReady(URI server, ClusterCa ca) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(ca.sslContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT).build();
        HttpRequest readyz = HttpRequest.newBuilder(server.resolve("/readyz")).timeout(REQUEST_TIMEOUT).build();
        while (true) {
            try {
                if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the server is starting
            }
            Thread.sleep(READY_POLL.toMillis());
        }
    }

    /** Reads the lifeline until it ends, which is when the server has ended; then ends this JVM too. */
    static void watchLifeline(InputStream lifeline, AtomicBoolean serverGone) {
        Thread watcher = new Thread(() -> {
            byte[] buffer = new byte[64];
            try {
                while (lifeline.read(buffer) >= 0) {
                    // nothing is ever written; reading only waits for the end
                }
            } catch (IOException e) {
                // a broken lifeline counts as its end
            }
            serverGone.set(true);
            System.exit(0);
        }, "k3j-local-agent-lifeline");
        watcher.setDaemon(true);
        watcher.start();
    }
}
