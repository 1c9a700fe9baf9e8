package io.k3j.agent;

import io.k3j.agent.identity.HostName;
import io.k3j.agent.identity.NodeIdentities;
import io.k3j.agent.identity.NodeIdentity;
import io.k3j.agent.kube.KubeClient;
import io.k3j.agent.loadbalancer.Backoff;
import io.k3j.agent.loadbalancer.ClientLoadBalancer;
import io.k3j.agent.log.AgentLog;
import io.k3j.agent.node.AgentVersion;
import io.k3j.agent.node.LeaseHeartbeat;
import io.k3j.agent.node.MachineInfo;
import io.k3j.agent.node.NodeAddresses;
import io.k3j.agent.node.NodeDocuments;
import io.k3j.agent.node.NodeStatusReporter;
import io.k3j.agent.trust.CaFetcher;
import io.k3j.agent.trust.ClusterCa;
import io.k3j.agent.trust.TrustException;
import io.k3j.agent.tunnel.RegistrationRefusedException;
import io.k3j.agent.tunnel.ServerMessage;
import io.k3j.agent.tunnel.WebSocketTunnelConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One k3j agent: usable as a library (several in one JVM, as the tests run them) and by
 * {@link AgentMain}.
 *
 * <pre>{@code
 * try (Agent agent = new Agent(AgentConfig.of(server, ClusterToken.parse(token), dataDir).withNodeName("n1"))) {
 *     agent.start();           // registered, node created, heartbeats running
 *     agent.termination();     // fails if a server later refuses the node for good
 * }
 * }</pre>
 */
public final class Agent implements AutoCloseable {

    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final AgentConfig config;
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicReference<String> nodeToken = new AtomicReference<>();
    private volatile NodeIdentity identity;
    private volatile ScheduledExecutorService scheduler;
    private volatile ClientLoadBalancer loadBalancer;
    private volatile NodeStatusReporter reporter;

    public Agent(AgentConfig config) {
        this.config = config;
    }

    /**
     * Makes or reads the node's identity, trusts the server's CA, registers (waiting with
     * backoff while the server cannot be reached or is not ready), then creates or updates the
     * Node and starts the status and lease loops.
     *
     * @throws AgentException when the agent cannot run: a bad identity file, a CA that does not
     *     match the token, a registration refused for good (400, 401, 403; the server's message),
     *     or {@link #close()} meanwhile
     */
    public void start() throws AgentException, InterruptedException {
        NodeIdentity node = identity();
        AgentLog log = new AgentLog(node.name());
        ClusterCa ca = trustServer(log);
        HttpClient http = KubeClient.httpClient(ca.sslContext(), NETWORK_TIMEOUT);
        WebSocketTunnelConnector connector = new WebSocketTunnelConnector(node, config.token(), ca.sslContext(), http,
                NETWORK_TIMEOUT, log);
        // three: a tunnel handshake to a dead server may hold one for its timeout, and the lease must not wait
        scheduler = Executors.newScheduledThreadPool(3, daemonThreads("k3j-agent-" + node.name()));
        loadBalancer = new ClientLoadBalancer(config.server(), connector, scheduler, new ClientLoadBalancer.Events() {
            @Override
            public void registered(ServerMessage.Registration registration) {
                nodeToken.set(registration.nodeToken());
            }

            @Override
            public void refused(RegistrationRefusedException refusal) {
                stop(new AgentException(refusal.getMessage(), refusal));
            }
        }, log);
        if (closing.getCount() == 0) {
            loadBalancer.close();
        }
        try {
            loadBalancer.register();
        } catch (RegistrationRefusedException e) {
            close();
            throw new AgentException(e.getMessage(), e);
        } catch (CancellationException e) {
            close();
            throw new AgentException("the agent was closed before it registered", e);
        }

        KubeClient kube = new KubeClient(http, loadBalancer, nodeToken::get, REQUEST_TIMEOUT);
        Clock clock = Clock.systemUTC();
        MachineInfo machine = MachineInfo.detect();
        NodeStatusReporter status = new NodeStatusReporter(node.name(), HostName.local(),
                NodeDocuments.labels(node.name(), machine.architecture(), machine.operatingSystem(), config.nodeLabels()),
                kube, machine, AgentVersion.current(), () -> NodeAddresses.internalIp(config.server()),
                config.nodeStatusReportInterval(), clock, log);
        reporter = status;
        LeaseHeartbeat lease = new LeaseHeartbeat(node.name(), status::nodeUid, kube, config.leaseDurationSeconds(), clock, log);
        status.check();
        long renew = config.leaseRenewInterval().toMillis();
        scheduler.scheduleWithFixedDelay(guarded(lease::renew, log), 0, renew, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guarded(status::check, log), renew, renew, TimeUnit.MILLISECONDS);
    }

    /** The node's name and password, made on the first start; known before {@link #start()} returns. */
    public String nodeName() throws AgentException {
        return identity().name();
    }

    /** The pod CIDR the server assigned, once the agent has seen it. */
    public Optional<String> podCidr() {
        NodeStatusReporter status = reporter;
        return status == null ? Optional.empty() : status.podCidr();
    }

    /** The servers the agent holds tunnels to, as announced. */
    public List<URI> servers() {
        ClientLoadBalancer balancer = loadBalancer;
        return balancer == null ? List.of() : balancer.servers();
    }

    /** The servers whose tunnel is open and answers pings. */
    public List<URI> healthyServers() {
        ClientLoadBalancer balancer = loadBalancer;
        return balancer == null ? List.of() : balancer.healthyServers();
    }

    /**
     * Completes when the agent is closed; fails with an {@link AgentException} when it had to stop,
     * such as when a server refused the node for good on a reconnection.
     */
    public CompletableFuture<Void> termination() {
        return termination.copy();
    }

    @Override
    public void close() {
        closing.countDown();
        ClientLoadBalancer balancer = loadBalancer;
        if (balancer != null) {
            balancer.close();
        }
        ScheduledExecutorService tasks = scheduler;
        if (tasks != null) {
            tasks.shutdownNow();
        }
        termination.complete(null);
    }

    private void stop(AgentException reason) {
        termination.completeExceptionally(reason);
        // not on the caller's thread, which may be one of those that close() ends
        Thread stopper = new Thread(this::close, "k3j-agent-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    private synchronized NodeIdentity identity() throws AgentException {
        if (identity == null) {
            try {
                identity = NodeIdentities.ensure(config.dataDir(), config.nodeName(), config.withNodeId(), HostName::local,
                        new SecureRandom());
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new AgentException(e.getMessage(), e);
            }
        }
        return identity;
    }

    /** Fetches the CA, waiting with backoff while the server cannot be reached. */
    private ClusterCa trustServer(AgentLog log) throws AgentException, InterruptedException {
        Backoff backoff = Backoff.standard();
        for (int failures = 1; closing.getCount() > 0; failures++) {
            try {
                ClusterCa ca = CaFetcher.fetch(config.server(), config.token(), NETWORK_TIMEOUT);
                if (config.token().caHash().isEmpty()) {
                    log.info("trusting the CA of " + config.server() + " on first use (sha256 " + ca.sha256()
                            + "): the token carries no CA hash");
                }
                return ca;
            } catch (TrustException e) {
                throw new AgentException(e.getMessage(), e);
            } catch (IOException e) {
                Duration delay = backoff.delay(failures);
                log.warning("cannot fetch the CA of " + config.server() + ": " + e.getMessage() + "; retrying in "
                        + String.format(java.util.Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0));
                closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        throw new AgentException("the agent was closed before it registered");
    }

    private static Runnable guarded(Runnable task, AgentLog log) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a scheduled task that throws is never run again
                log.warning("unexpected failure, trying again next round: " + e);
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
