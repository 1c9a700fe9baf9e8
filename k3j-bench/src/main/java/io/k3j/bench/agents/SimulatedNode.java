package io.k3j.bench.agents;

import io.k3j.agent.identity.NodeIdentity;
import io.k3j.agent.kube.KubeClient;
import io.k3j.agent.kube.ServerSelector;
import io.k3j.agent.log.AgentLog;
import io.k3j.agent.node.LeaseHeartbeat;
import io.k3j.agent.node.NodeDocuments;
import io.k3j.agent.node.NodeStatusReporter;
import io.k3j.agent.trust.ClusterToken;
import io.k3j.agent.tunnel.RegistrationRefusedException;
import io.k3j.agent.tunnel.ServerMessage;
import io.k3j.agent.tunnel.Tunnel;
import io.k3j.agent.tunnel.TunnelListener;
import io.k3j.agent.tunnel.WebSocketTunnelConnector;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One simulated agent: its own node name and random node password, its own WebSocket to
 * {@code /v1-k3j/connect} and its own node token; the Node and Lease loops are the real agent's
 * ({@link NodeStatusReporter}, {@link LeaseHeartbeat}), run on the simulator's shared threads.
 * Unlike {@link io.k3j.agent.Agent}, it keeps no load balancer: the registration address is its only server.
 */
final class SimulatedNode implements TunnelListener {

    private static final int PASSWORD_BYTES = 32;

    private final String name;
    private final URI server;
    private final AgentLog log;
    private final WebSocketTunnelConnector connector;
    private final CompletableFuture<ServerMessage.Registration> registration = new CompletableFuture<>();
    private final SimulatorEvents events;
    private volatile long registeredAt;
    private volatile Tunnel tunnel;
    private volatile boolean closing;

    SimulatedNode(String name, URI server, ClusterToken token, Shared shared, SecureRandom random, SimulatorEvents events) {
        this.name = name;
        this.server = server;
        this.events = events;
        this.log = new AgentLog(name);
        byte[] password = new byte[PASSWORD_BYTES];
        random.nextBytes(password);
        this.connector = new WebSocketTunnelConnector(new NodeIdentity(name, HexFormat.of().formatHex(password)), token,
                shared.tls(), shared.http(), shared.handshakeTimeout(), log);
    }

    String name() {
        return name;
    }

    /**
     * One registration attempt: the WebSocket handshake, then the server's first message.
     *
     * @return when the Registration message arrived ({@link System#nanoTime()})
     */
    long register(Duration timeout) throws RegistrationRefusedException, IOException, InterruptedException, TimeoutException {
        Tunnel open = connector.connect(server, this);
        tunnel = open;
        try {
            registration.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return registeredAt;
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        } catch (TimeoutException e) {
            open.close();
            throw e;
        }
    }

    /**
     * Creates the Node, posts its Ready status and creates the Lease, as the agent does right after
     * registering; then renews both on the shared scheduler.
     *
     * @return whether the Node got its status and the Lease was created
     */
    boolean startHeartbeats(Shared shared) {
        String nodeToken = registration.join().nodeToken();
        ServerSelector only = new ServerSelector() {
            @Override
            public URI select() {
                return server;
            }

            @Override
            public void failed(URI failedServer) {
                // one server only: the next request goes to it again
            }
        };
        KubeClient kube = new KubeClient(shared.http(), only, () -> nodeToken, shared.requestTimeout());
        Clock clock = Clock.systemUTC();
        NodeStatusReporter status = new NodeStatusReporter(name, name,
                NodeDocuments.labels(name, shared.machine().architecture(), shared.machine().operatingSystem(),
                        shared.nodeLabels()),
                kube, shared.machine(), shared.version(), () -> shared.internalIp(), shared.statusReportInterval(), clock, log);
        LeaseHeartbeat lease = new LeaseHeartbeat(name, status::nodeUid, kube, shared.leaseDurationSeconds(), clock, log);
        status.check();
        lease.renew();
        long renew = shared.leaseRenewInterval().toMillis();
        shared.scheduler().scheduleWithFixedDelay(events.guarded(lease::renew), renew, renew, TimeUnit.MILLISECONDS);
        shared.scheduler().scheduleWithFixedDelay(events.guarded(status::check), renew, renew, TimeUnit.MILLISECONDS);
        return status.nodeUid().isPresent();
    }

    @Override
    public void onMessage(ServerMessage message) {
        if (message instanceof ServerMessage.Registration registered && !registration.isDone()) {
            registeredAt = System.nanoTime();
            registration.complete(registered);
        }
    }

    @Override
    public void onPong() {
        // the simulator sends no pings; the server's pings Tyrus answers by itself
    }

    @Override
    public void onClosed(String reason) {
        if (!closing && registration.isDone()) {
            events.tunnelDropped(name, reason);
        }
    }

    void close() {
        closing = true;
        Tunnel open = tunnel;
        if (open != null) {
            open.close();
        }
    }
}
