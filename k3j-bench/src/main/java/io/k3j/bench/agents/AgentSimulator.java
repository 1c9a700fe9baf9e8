package io.k3j.bench.agents;

import io.k3j.agent.AgentConfig;
import io.k3j.agent.kube.KubeClient;
import io.k3j.agent.loadbalancer.Backoff;
import io.k3j.agent.log.OneLineFormatter;
import io.k3j.agent.node.AgentVersion;
import io.k3j.agent.node.MachineInfo;
import io.k3j.agent.node.NodeAddresses;
import io.k3j.agent.trust.CaFetcher;
import io.k3j.agent.trust.ClusterCa;
import io.k3j.agent.trust.ClusterToken;
import io.k3j.agent.trust.TrustException;
import io.k3j.agent.tunnel.RegistrationRefusedException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Many simulated agents in one JVM, in the manner of KWOK, against one k3j server: each node has
 * its own name, node password, WebSocket and node token, and runs the agent's Node status and
 * Lease loops with the agent's default periods; they share one HTTP client (HTTP/1.1), one
 * scheduler and Tyrus's shared client container, which is what makes a thousand of them cheap.
 */
public final class AgentSimulator implements AutoCloseable {

    /**
     * The heartbeat requests block, so these threads bound how many are in flight: a thousand
     * nodes make about 200 a second, which 32 threads keep up with while the server answers
     * within 160 ms. Fewer would delay renewals behind a slow server and make NotReady flaps of the simulator's own.
     */
    private static final int HEARTBEAT_THREADS = 32;
    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** A handshake waits its turn behind the server's bounded password hashing: give it time before retrying. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_ATTEMPTS = 5;
    /** The label that marks simulated nodes. */
    public static final String SIMULATED_LABEL = "k3j.io/simulated";

    private final URI server;
    private final ClusterToken token;
    private final Shared shared;
    private final Logger agentLogger = Logger.getLogger("io.k3j.agent");
    private final SimulatorEvents events;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentLinkedQueue<SimulatedNode> nodes = new ConcurrentLinkedQueue<>();
    private volatile ExecutorService registrars;

    /**
     * Fetches and trusts the server's CA as an agent does (checked against the token's hash, if it has one).
     *
     * @param log where the simulated agents' log lines go
     */
    public AgentSimulator(URI server, String token, Path log) throws IOException, TrustException {
        this.server = server;
        this.token = ClusterToken.parse(token);
        ClusterCa ca = CaFetcher.fetch(server, this.token, NETWORK_TIMEOUT);
        FileHandler file = new FileHandler(log.toString());
        file.setFormatter(new OneLineFormatter());
        events = new SimulatorEvents(file);
        agentLogger.setUseParentHandlers(false);
        agentLogger.setLevel(Level.INFO);
        agentLogger.addHandler(events);
        shared = new Shared(ca.sslContext(), KubeClient.httpClient(ca.sslContext(), NETWORK_TIMEOUT),
                Executors.newScheduledThreadPool(HEARTBEAT_THREADS, daemonThreads("sim-heartbeat")), MachineInfo.detect(),
                AgentVersion.current(), NodeAddresses.internalIp(server), Map.of(SIMULATED_LABEL, "true"), HANDSHAKE_TIMEOUT,
                REQUEST_TIMEOUT, AgentConfig.DEFAULT_LEASE_RENEW_INTERVAL,
                (int) AgentConfig.DEFAULT_LEASE_DURATION.toSeconds(), AgentConfig.DEFAULT_NODE_STATUS_REPORT_INTERVAL);
    }

    /** The lease renewal interval of every simulated node. */
    public Duration leaseRenewInterval() {
        return shared.leaseRenewInterval();
    }

    /** The status report interval of every simulated node. */
    public Duration statusReportInterval() {
        return shared.statusReportInterval();
    }

    /**
     * Registers nodes {@code <prefix>-00001} and on, at most {@code inFlight} handshakes at a time;
     * each registered node at once creates its Node, posts Ready and creates its Lease (on the
     * registering thread, as the agent's start does), then heartbeats on the shared scheduler.
     *
     * @return completes when every node has registered and made its Node and Lease, or given up
     */
    public CompletableFuture<Registrations> register(int count, int inFlight, String prefix) {
        ExecutorService workers = Executors.newFixedThreadPool(inFlight, daemonThreads("sim-register"));
        registrars = workers;
        long start = System.nanoTime();
        AtomicLongArray latencies = new AtomicLongArray(count);
        AtomicInteger retries = new AtomicInteger();
        AtomicLong lastRegistered = new AtomicLong(start);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            SimulatedNode node = new SimulatedNode(String.format("%s-%05d", prefix, i + 1), server, token, shared, random, events);
            nodes.add(node);
            all.add(CompletableFuture.runAsync(() -> {
                long begun = System.nanoTime();
                try {
                    long registeredAt = registerWithRetries(node, retries);
                    latencies.set(index, registeredAt - begun);
                    lastRegistered.accumulateAndGet(registeredAt, Math::max);
                    if (!node.startHeartbeats(shared)) {
                        failures.add(node.name() + ": its Node was not created (see the simulator log)");
                    }
                } catch (RegistrationRefusedException | IOException | TimeoutException e) {
                    failures.add(node.name() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(node.name() + ": interrupted");
                }
            }, workers));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            workers.shutdown();
            long[] registered = new long[count];
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (latencies.get(i) > 0) {
                    registered[n++] = latencies.get(i);
                }
            }
            long[] sorted = Arrays.copyOf(registered, n);
            Arrays.sort(sorted);
            return new Registrations(count, sorted, lastRegistered.get() - start, System.nanoTime() - start, retries.get(),
                    List.copyOf(failures));
        });
    }

    /** One node's registration; 429, 5xx, I/O errors and timeouts are retried with the agent's backoff. */
    private static long registerWithRetries(SimulatedNode node, AtomicInteger retries)
            throws RegistrationRefusedException, IOException, TimeoutException, InterruptedException {
        Backoff backoff = Backoff.standard();
        for (int attempt = 1; ; attempt++) {
            try {
                return node.register(HANDSHAKE_TIMEOUT);
            } catch (RegistrationRefusedException e) {
                if (e.isFinal() || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            } catch (IOException | TimeoutException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
            retries.incrementAndGet();
            Thread.sleep(backoff.delay(attempt).toMillis());
        }
    }

    /**
     * What the registrations took.
     *
     * @param latencies sorted, in nanoseconds: from the first handshake attempt to the Registration message
     * @param registeredNanos from the first handshake to the last Registration message
     * @param startedNanos from the first handshake until every node had made its Node and Lease
     */
    public record Registrations(int nodes, long[] latencies, long registeredNanos, long startedNanos, int retries,
            List<String> failures) {

        public double ratePerSecond() {
            return latencies.length / (registeredNanos / 1e9);
        }

        /** The p-th percentile in milliseconds; 100 is the maximum. */
        public double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
        }
    }

    /** Failed lease renewals and status reports (the agent classes' warnings), over all nodes so far. */
    public int heartbeatWarnings() {
        return events.warnings();
    }

    public int taskFailures() {
        return events.taskFailures();
    }

    /** Tunnels closed by the server (or broken) after their node registered. */
    public int tunnelsDropped() {
        return events.tunnelsDropped();
    }

    @Override
    public void close() throws InterruptedException {
        ExecutorService workers = registrars;
        if (workers != null) {
            workers.shutdownNow();
        }
        ScheduledExecutorService scheduler = shared.scheduler();
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        nodes.forEach(SimulatedNode::close);
        agentLogger.removeHandler(events);
        events.close();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
