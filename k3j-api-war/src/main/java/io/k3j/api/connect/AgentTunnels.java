package io.k3j.api.connect;

import io.k3j.server.endpoints.KubernetesServiceEndpoints;
import io.k3j.server.registration.Registration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agents' tunnels open on this server: sends each its registration, keeps each alive with
 * pings (a tunnel silent for {@link #SILENCE_LIMIT} is closed, so a vanished agent does not hold
 * one forever), and tells all of them when the set of servers changes.
 */
@ApplicationScoped
public class AgentTunnels {

    private static final Logger LOG = Logger.getLogger(AgentTunnels.class.getName());

    static final Duration PING_INTERVAL = Duration.ofSeconds(10);
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(30);

    /** One open tunnel; its last sign of life is written by the container's threads and read by the pinger. */
    private record Tunnel(String nodeName, AtomicReference<Long> lastHeardNanos) {
    }

    private final Map<Session, Tunnel> tunnels = new ConcurrentHashMap<>();
    /** The server list last sent; only the pinger thread replaces it. */
    private final AtomicReference<List<String>> servers = new AtomicReference<>(List.of());

    @Resource
    private ManagedScheduledExecutorService scheduler;

    /** The servers' URLs, from the endpoints of Service {@code kubernetes}. */
    @EJB
    private KubernetesServiceEndpoints endpoints;

    private ScheduledFuture<?> pinger;

    @PostConstruct
    void start() {
        servers.set(endpoints.serverUrls());
        pinger = scheduler.scheduleWithFixedDelay(this::tick, PING_INTERVAL.toMillis(), PING_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A registered agent's tunnel opened: it gets its registration and the servers. */
    void opened(Session session, Registration registration) throws IOException {
        tunnels.put(session, new Tunnel(registration.nodeName(), new AtomicReference<>(System.nanoTime())));
        session.getBasicRemote().sendText(TunnelMessages.registration(registration, servers.get()));
        LOG.info("node " + registration.nodeName() + ": tunnel open (" + tunnels.size() + " on this server)");
    }

    void ponged(Session session) {
        Tunnel tunnel = tunnels.get(session);
        if (tunnel != null) {
            tunnel.lastHeardNanos().set(System.nanoTime());
        }
    }

    void closed(Session session, String reason) {
        Tunnel tunnel = tunnels.remove(session);
        if (tunnel != null) {
            LOG.info("node " + tunnel.nodeName() + ": tunnel closed" + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"));
        }
    }

    /** The number of open tunnels. */
    int size() {
        return tunnels.size();
    }

    private void tick() {
        try {
            List<String> now = endpoints.serverUrls();
            boolean changed = !now.equals(servers.getAndSet(now));
            String serversMessage = changed ? TunnelMessages.servers(now) : null;
            long deadline = System.nanoTime() - SILENCE_LIMIT.toNanos();
            for (Map.Entry<Session, Tunnel> entry : tunnels.entrySet()) {
                Session session = entry.getKey();
                if (entry.getValue().lastHeardNanos().get() - deadline < 0) {
                    close(session, "no answer to pings for " + SILENCE_LIMIT.toSeconds() + "s");
                    continue;
                }
                try {
                    if (changed) {
                        session.getAsyncRemote().sendText(serversMessage);
                    }
                    session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                } catch (IOException | IllegalStateException e) {
                    close(session, "ping failed: " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "agent tunnels: keep-alive pass failed: " + e.getMessage(), e);
        }
    }

    private void close(Session session, String why) {
        Tunnel tunnel = tunnels.remove(session);
        try {
            session.close(new CloseReason(CloseCodes.GOING_AWAY, why));
        } catch (IOException | IllegalStateException alreadyGone) {
            // closing is all that was wanted
        }
        if (tunnel != null) {
            LOG.info("node " + tunnel.nodeName() + ": tunnel closed (" + why + ")");
        }
    }

    @PreDestroy
    void stop() {
        if (pinger != null) {
            pinger.cancel(false);
        }
        tunnels.keySet().forEach(session -> close(session, "server shutting down"));
    }
}
