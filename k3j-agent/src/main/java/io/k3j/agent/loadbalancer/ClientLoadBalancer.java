package io.k3j.agent.loadbalancer;

import io.k3j.agent.kube.ServerSelector;
import io.k3j.agent.log.AgentLog;
import io.k3j.agent.tunnel.RegistrationRefusedException;
import io.k3j.agent.tunnel.ServerMessage;
import io.k3j.agent.tunnel.Tunnel;
import io.k3j.agent.tunnel.TunnelConnector;
import io.k3j.agent.tunnel.TunnelListener;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The agent's client-side load balancer, after K3s's: {@code --server} is only the registration
 * address. The servers then announce every server's address, and the agent holds one tunnel to
 * each, pinging it, reconnecting with backoff, and following the announced list as it changes;
 * when the list is empty the registration address is the one server, and when it leaves the
 * registration address out, the registration tunnel is closed. API requests go to one healthy
 * server, the current one while it stays healthy.
 *
 * <p>Shared state is held in atomic references to immutable values: the endpoint list (replaced
 * whole, under {@link #lock}, when the servers change), each endpoint's {@link Link}, the
 * current API server. The tunnels' threads, the scheduler and the API callers read them without locks.
 */
public final class ClientLoadBalancer implements ServerSelector, AutoCloseable {

    /** What the agent must hear of: every Registration (it carries the node token) and a refusal that ends it. */
    public interface Events {

        void registered(ServerMessage.Registration registration);

        /** A server refused a reconnection for good (400, 401, 403): the agent cannot go on. */
        void refused(RegistrationRefusedException refusal);
    }

    public static final Duration PING_INTERVAL = Duration.ofSeconds(10);
    /** As the servers judge the agents: a peer silent for 30 s is gone. */
    public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(30);
    /** How long a new tunnel may take to send its Registration. */
    static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(30);

    private final URI registrationServer;
    private final TunnelConnector connector;
    private final ScheduledExecutorService scheduler;
    private final Events events;
    private final AgentLog log;
    private final Backoff backoff;
    private final Backoff reconnectBackoff;
    private final LongSupplier nanoTime;
    private final Duration pingInterval;
    private final Duration healthTimeout;

    /** Serialises changes of the endpoint list; readers use the snapshot. */
    private final Object lock = new Object();
    private final AtomicReference<List<Endpoint>> endpoints = new AtomicReference<>(List.of());
    /** The latest list any server announced; empty until the registration. */
    private final AtomicReference<Optional<List<URI>>> announced = new AtomicReference<>(Optional.empty());
    private final AtomicReference<URI> current = new AtomicReference<>();
    /** The endpoint of the registration tunnel, until the first list decides whether it stays. */
    private final AtomicReference<Endpoint> registrationEndpoint = new AtomicReference<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean registered;
    private volatile ScheduledFuture<?> healthCheck;

    public ClientLoadBalancer(URI registrationServer, TunnelConnector connector, ScheduledExecutorService scheduler,
            Events events, AgentLog log) {
        this(registrationServer, connector, scheduler, events, log, Backoff.standard(), Backoff.reconnect(), System::nanoTime,
                PING_INTERVAL, HEALTH_TIMEOUT);
    }

    ClientLoadBalancer(URI registrationServer, TunnelConnector connector, ScheduledExecutorService scheduler, Events events,
            AgentLog log, Backoff backoff, LongSupplier nanoTime, Duration pingInterval, Duration healthTimeout) {
        this(registrationServer, connector, scheduler, events, log, backoff, backoff, nanoTime, pingInterval, healthTimeout);
    }

    /**
     * @param backoff between registration attempts
     * @param reconnectBackoff between a registered agent's attempts to open a tunnel again
     */
    private ClientLoadBalancer(URI registrationServer, TunnelConnector connector, ScheduledExecutorService scheduler,
            Events events, AgentLog log, Backoff backoff, Backoff reconnectBackoff, LongSupplier nanoTime,
            Duration pingInterval, Duration healthTimeout) {
        this.registrationServer = ServerUrls.normalize(registrationServer);
        this.connector = connector;
        this.scheduler = scheduler;
        this.events = events;
        this.log = log;
        this.backoff = backoff;
        this.reconnectBackoff = reconnectBackoff;
        this.nanoTime = nanoTime;
        this.pingInterval = pingInterval;
        this.healthTimeout = healthTimeout;
    }

    /**
     * Registers through the registration address, trying again with backoff while the server
     * cannot be reached, is not ready or asks to wait; then holds the tunnels.
     *
     * @throws RegistrationRefusedException when the server refuses for good (400, 401, 403)
     * @throws CancellationException when the load balancer is closed meanwhile
     */
    public ServerMessage.Registration register() throws RegistrationRefusedException, InterruptedException {
        Endpoint endpoint = new Endpoint(registrationServer);
        for (int failures = 1; closing.getCount() > 0; failures++) {
            Attempt attempt = new Attempt(endpoint);
            endpoint.link.set(Link.connecting(attempt, 0));
            Optional<Tunnel> tunnel = Optional.empty();
            try {
                tunnel = Optional.of(connector.connect(registrationServer, attempt));
                ServerMessage.Registration registration = attempt.registration
                        .get(REGISTRATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Tunnel open = tunnel.get();
                Link connected = endpoint.link.updateAndGet(link -> link.attempt() == attempt && link.state() == State.CONNECTING
                        ? Link.connected(attempt, open, nanoTime.getAsLong())
                        : link);
                if (connected.tunnel() != open) {
                    throw new IOException("the server closed the tunnel after the Registration");
                }
                registrationEndpoint.set(endpoint);
                registered = true;
                log.info("registered as " + registration.nodeName() + " with " + registration.servers().size() + " servers"
                        + (registration.servers().isEmpty() ? "" : " " + registration.servers()));
                applyServers();
                healthCheck = scheduler.scheduleWithFixedDelay(this::checkHealth, pingInterval.toMillis(),
                        pingInterval.toMillis(), TimeUnit.MILLISECONDS);
                return registration;
            } catch (RegistrationRefusedException e) {
                if (e.isFinal()) {
                    throw e;
                }
                retryLater("cannot register with " + registrationServer + ": " + e.getMessage(), failures);
            } catch (IOException e) {
                retryLater("cannot register with " + registrationServer + ": " + e.getMessage(), failures);
            } catch (ExecutionException e) {
                retryLater("cannot register with " + registrationServer + ": " + e.getCause().getMessage(), failures);
            } catch (TimeoutException e) {
                retryLater("cannot register with " + registrationServer + ": no Registration message within "
                        + REGISTRATION_TIMEOUT.toSeconds() + " s", failures);
            } finally {
                if (!registered) {
                    tunnel.ifPresent(Tunnel::close);
                }
            }
        }
        throw new CancellationException("closed before the registration");
    }

    private void retryLater(String problem, int failures) throws InterruptedException {
        Duration delay = backoff.delay(failures);
        log.warning(problem + "; retrying in " + seconds(delay));
        closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public URI select() {
        List<Endpoint> all = endpoints.get();
        URI preferred = current.get();
        Optional<Endpoint> chosen = find(all, preferred).filter(this::healthy)
                .or(() -> after(all, preferred).stream().filter(this::healthy).findFirst());
        URI server = chosen.map(endpoint -> endpoint.server)
                // none healthy: stay with the current one if still listed, else the first; requests will tell
                .orElseGet(() -> find(all, preferred).or(() -> all.stream().findFirst())
                        .map(endpoint -> endpoint.server).orElse(registrationServer));
        URI before = current.getAndSet(server);
        if (before != null && !before.equals(server)) {
            log.info("API traffic moves from server " + before + " to " + server);
        }
        return server;
    }

    @Override
    public void failed(URI server) {
        List<Endpoint> all = endpoints.get();
        after(all, server).stream().filter(endpoint -> !endpoint.server.equals(server)).filter(this::healthy).findFirst()
                .ifPresent(next -> {
                    if (current.compareAndSet(server, next.server)) {
                        log.info("API request to server " + server + " failed; API traffic moves to " + next.server);
                    }
                });
    }

    /** The servers the agent holds tunnels to (or tries to), in the announced order. */
    public List<URI> servers() {
        return endpoints.get().stream().map(endpoint -> endpoint.server).toList();
    }

    /** The servers whose tunnel is open and answered a ping lately. */
    public List<URI> healthyServers() {
        return endpoints.get().stream().filter(this::healthy).map(endpoint -> endpoint.server).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        ScheduledFuture<?> check = healthCheck;
        if (check != null) {
            check.cancel(false);
        }
        synchronized (lock) {
            for (Endpoint endpoint : endpoints.getAndSet(List.of())) {
                endpoint.remove();
            }
            Endpoint registration = registrationEndpoint.getAndSet(null);
            if (registration != null) {
                registration.remove();
            }
        }
    }

    private boolean closed() {
        return closing.getCount() == 0;
    }

    /** Makes the endpoint list the announced one (the registration address when empty). */
    private void applyServers() {
        synchronized (lock) {
            if (!registered || closed()) {
                return;
            }
            List<URI> wanted = announced.get().filter(list -> !list.isEmpty()).orElse(List.of(registrationServer));
            List<Endpoint> old = endpoints.get();
            Endpoint registration = registrationEndpoint.getAndSet(null);
            List<Endpoint> next = new ArrayList<>();
            List<Endpoint> added = new ArrayList<>();
            for (URI server : wanted) {
                Optional<Endpoint> kept = find(old, server);
                if (kept.isEmpty() && registration != null && registration.server.equals(server)) {
                    kept = Optional.of(registration);
                    registration = null;
                }
                next.add(kept.orElseGet(() -> {
                    Endpoint endpoint = new Endpoint(server);
                    added.add(endpoint);
                    return endpoint;
                }));
            }
            endpoints.set(List.copyOf(next));
            if (registration != null) {
                log.info("closing the registration connection to " + registration.server + ": not in the servers list");
                registration.remove();
            }
            for (Endpoint endpoint : old) {
                if (!next.contains(endpoint)) {
                    log.info("server " + endpoint.server + " left the servers list");
                    endpoint.remove();
                }
            }
            if (!old.isEmpty() && !added.isEmpty()) {
                log.info("servers now " + wanted);
            }
            added.forEach(endpoint -> connectLater(endpoint, Duration.ZERO));
        }
    }

    private void connectLater(Endpoint endpoint, Duration delay) {
        try {
            scheduler.schedule(() -> connect(endpoint), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the agent is closing
        }
    }

    private void connect(Endpoint endpoint) {
        if (endpoint.removed || closed()) {
            return;
        }
        Attempt attempt = new Attempt(endpoint);
        int failures = endpoint.link.get().failures();
        endpoint.link.set(Link.connecting(attempt, failures));
        try {
            Tunnel tunnel = connector.connect(endpoint.server, attempt);
            Link connected = endpoint.link.updateAndGet(link -> link.attempt() == attempt && link.state() == State.CONNECTING
                    ? Link.connected(attempt, tunnel, nanoTime.getAsLong()).withFailures(link.failures())
                    : link);
            if (connected.tunnel() != tunnel) {
                tunnel.close();
                throw new IOException("the tunnel closed during the handshake");
            }
            if (endpoint.removed) {
                tunnel.close();
                return;
            }
            log.info("connected to server " + endpoint.server);
        } catch (RegistrationRefusedException e) {
            if (e.isFinal()) {
                log.warning("server " + endpoint.server + " refused the node: " + e.getMessage());
                events.refused(e);
                return;
            }
            reconnectAfterFailure(endpoint, e.getMessage());
        } catch (IOException | RuntimeException e) {
            reconnectAfterFailure(endpoint, e.getMessage());
        }
    }

    private void reconnectAfterFailure(Endpoint endpoint, String problem) {
        Link failed = endpoint.link.updateAndGet(Link::failedOnce);
        Duration delay = reconnectBackoff.delay(failed.failures());
        if (!endpoint.removed && !closed()) {
            log.warning("cannot connect to server " + endpoint.server + ": " + problem + "; retrying in " + seconds(delay));
            connectLater(endpoint, delay);
        }
    }

    private void onClosed(Attempt attempt, String reason) {
        attempt.registration.completeExceptionally(new IOException("the server closed the tunnel: " + reason));
        Endpoint endpoint = attempt.endpoint;
        Link before = endpoint.link.getAndUpdate(link -> link.attempt() == attempt ? link.disconnected() : link);
        // a close during the handshake is the connecting thread's to handle
        if (before.attempt() != attempt || before.state() != State.CONNECTED || endpoint.removed || closed()) {
            return;
        }
        Duration delay = reconnectBackoff.delay(before.failures() + 1);
        log.info("disconnected from server " + endpoint.server + " (" + reason + "); reconnecting in " + seconds(delay));
        endpoint.link.updateAndGet(Link::failedOnce);
        connectLater(endpoint, delay);
    }

    private void onMessage(Attempt attempt, ServerMessage message) {
        if (message instanceof ServerMessage.Registration registration) {
            events.registered(registration);
            announced.set(Optional.of(registration.servers()));
            attempt.registration.complete(registration);
            applyServers();
        } else {
            announced.set(Optional.of(message.servers()));
            applyServers();
        }
    }

    private void onPong(Attempt attempt) {
        long now = nanoTime.getAsLong();
        attempt.endpoint.link.updateAndGet(link -> link.attempt() == attempt ? link.answered(now) : link);
    }

    /** Pings every open tunnel; closes one that answered nothing for the health timeout, to reconnect. */
    private void checkHealth() {
        long now = nanoTime.getAsLong();
        for (Endpoint endpoint : endpoints.get()) {
            Link link = endpoint.link.get();
            if (link.state() != State.CONNECTED) {
                continue;
            }
            if (now - link.lastPongNanos() > healthTimeout.toNanos()) {
                log.warning("server " + endpoint.server + " answered no ping for " + healthTimeout.toSeconds() + " s; reconnecting");
                link.tunnel().close();
            } else {
                link.tunnel().ping();
            }
        }
    }

    private boolean healthy(Endpoint endpoint) {
        Link link = endpoint.link.get();
        return link.state() == State.CONNECTED && link.tunnel().isOpen()
                && nanoTime.getAsLong() - link.lastPongNanos() <= healthTimeout.toNanos();
    }

    private static Optional<Endpoint> find(List<Endpoint> endpoints, URI server) {
        return server == null ? Optional.empty() : endpoints.stream().filter(e -> e.server.equals(server)).findFirst();
    }

    /** The endpoints in order, starting after {@code server} and wrapping around, so that failover spreads. */
    private static List<Endpoint> after(List<Endpoint> endpoints, URI server) {
        int start = 0;
        for (int i = 0; i < endpoints.size(); i++) {
            if (endpoints.get(i).server.equals(server)) {
                start = i + 1;
            }
        }
        List<Endpoint> rotated = new ArrayList<>(endpoints.size());
        for (int i = 0; i < endpoints.size(); i++) {
            rotated.add(endpoints.get((start + i) % endpoints.size()));
        }
        return rotated;
    }

    private static String seconds(Duration delay) {
        return String.format(java.util.Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0);
    }

    enum State { CONNECTING, CONNECTED, DISCONNECTED }

    /**
     * An endpoint's state, replaced whole.
     *
     * @param attempt the connection attempt whose events count; older attempts' are ignored
     * @param tunnel the open tunnel, when connected
     * @param failures failed attempts in a row, for the backoff; reset by a pong
     */
    record Link(State state, Attempt attempt, Tunnel tunnel, long lastPongNanos, int failures) {

        static Link connecting(Attempt attempt, int failures) {
            return new Link(State.CONNECTING, attempt, null, 0, failures);
        }

        static Link connected(Attempt attempt, Tunnel tunnel, long now) {
            return new Link(State.CONNECTED, attempt, tunnel, now, 0);
        }

        Link withFailures(int count) {
            return new Link(state, attempt, tunnel, lastPongNanos, count);
        }

        Link answered(long now) {
            return new Link(state, attempt, tunnel, now, 0);
        }

        Link disconnected() {
            return new Link(State.DISCONNECTED, attempt, null, lastPongNanos, failures);
        }

        Link failedOnce() {
            return new Link(state == State.CONNECTED ? state : State.DISCONNECTED, attempt, tunnel, lastPongNanos, failures + 1);
        }
    }

    /** One server of the list. */
    final class Endpoint {

        final URI server;
        final AtomicReference<Link> link = new AtomicReference<>(new Link(State.DISCONNECTED, null, null, 0, 0));
        volatile boolean removed;

        Endpoint(URI server) {
            this.server = server;
        }

        /** Leaves the list: no more reconnections, and the tunnel closes. */
        void remove() {
            removed = true;
            Link last = link.get();
            if (last.tunnel() != null) {
                last.tunnel().close();
            }
        }
    }

    /** The listener of one connection attempt to one endpoint. */
    final class Attempt implements TunnelListener {

        final Endpoint endpoint;
        final CompletableFuture<ServerMessage.Registration> registration = new CompletableFuture<>();

        Attempt(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void onMessage(ServerMessage message) {
            ClientLoadBalancer.this.onMessage(this, message);
        }

        @Override
        public void onPong() {
            ClientLoadBalancer.this.onPong(this);
        }

        @Override
        public void onClosed(String reason) {
            ClientLoadBalancer.this.onClosed(this, reason);
        }
    }
}
