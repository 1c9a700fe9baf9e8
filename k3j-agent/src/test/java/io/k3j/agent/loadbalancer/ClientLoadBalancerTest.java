package io.k3j.agent.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.agent.log.AgentLog;
import io.k3j.agent.tunnel.RegistrationRefusedException;
import io.k3j.agent.tunnel.ServerMessage;
import io.k3j.agent.tunnel.Tunnel;
import io.k3j.agent.tunnel.TunnelConnector;
import io.k3j.agent.tunnel.TunnelListener;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientLoadBalancerTest {

    private static final URI REGISTRATION = URI.create("https://registration:6443");
    private static final URI A = URI.create("https://a:6443");
    private static final URI B = URI.create("https://b:6443");
    private static final URI C = URI.create("https://c:6443");
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(30);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FakeConnector connector = new FakeConnector();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final List<RegistrationRefusedException> refusals = new CopyOnWriteArrayList<>();
    private ClientLoadBalancer balancer;

    @AfterEach
    void stop() {
        if (balancer != null) {
            balancer.close();
        }
        scheduler.shutdownNow();
    }

    private ClientLoadBalancer balancer() {
        balancer = new ClientLoadBalancer(REGISTRATION, connector, scheduler, new ClientLoadBalancer.Events() {
            @Override
            public void registered(ServerMessage.Registration registration) {
                tokens.add(registration.nodeToken());
            }

            @Override
            public void refused(RegistrationRefusedException refusal) {
                refusals.add(refusal);
            }
        }, new AgentLog("n1"), new Backoff(Duration.ofMillis(1), Duration.ofMillis(10), new Random(1)), nanos::get,
                Duration.ofHours(1), HEALTH_TIMEOUT);
        return balancer;
    }

    private static ServerMessage.Registration registration(URI... servers) {
        return new ServerMessage.Registration("n1", "token", List.of(servers));
    }

    @Test
    void holdsATunnelToEveryAnnouncedServerAndLetsTheRegistrationConnectionGo() throws Exception {
        connector.announce(registration(A, B));

        assertEquals(registration(A, B), balancer().register());

        await(() -> balancer.healthyServers().equals(List.of(A, B)));
        assertEquals(List.of(A, B), balancer.servers());
        assertFalse(connector.tunnels(REGISTRATION).get(0).open, "the registration address is not in the list");
        assertEquals("token", tokens.get(0), "every Registration hands the node token on");
    }

    @Test
    void anEmptyListLeavesTheRegistrationAddressAsTheOneServer() throws Exception {
        connector.announce(registration());
        balancer().register();

        assertEquals(List.of(REGISTRATION), balancer.servers());
        assertEquals(List.of(REGISTRATION), balancer.healthyServers());
        assertEquals(1, connector.tunnels(REGISTRATION).size(), "the registration tunnel is kept, not opened again");
        assertEquals(REGISTRATION, balancer.select());
    }

    @Test
    void theRegistrationTunnelStaysWhenItsServerIsListed() throws Exception {
        connector.announce(registration(B, REGISTRATION));
        balancer().register();

        await(() -> balancer.healthyServers().size() == 2);
        assertEquals(1, connector.tunnels(REGISTRATION).size());
        assertTrue(connector.tunnels(REGISTRATION).get(0).open);
    }

    @Test
    void apiTrafficStaysOnOneHealthyServerAndMovesOnFailure() throws Exception {
        connector.announce(registration(A, B));
        balancer().register();
        await(() -> balancer.healthyServers().size() == 2);

        assertEquals(A, balancer.select());
        assertEquals(A, balancer.select(), "the current server is kept while healthy");
        balancer.failed(A);
        assertEquals(B, balancer.select(), "after an I/O error the next request goes elsewhere");
        assertEquals(B, balancer.select());

        connector.down(B, true);
        connector.tunnels(B).get(0).drop();
        assertEquals(A, balancer.select(), "a server whose tunnel is down is not chosen");
        connector.down(B, false);
        await(() -> connector.tunnels(B).size() == 2 && balancer.healthyServers().contains(B));
    }

    @Test
    void aServerThatAnswersNoPingsIsNotHealthy() throws Exception {
        connector.announce(registration(A, B));
        balancer().register();
        await(() -> balancer.healthyServers().size() == 2);

        nanos.addAndGet(HEALTH_TIMEOUT.plusSeconds(1).toNanos());
        assertEquals(List.of(), balancer.healthyServers());
        connector.tunnels(B).get(0).listener.onPong();
        assertEquals(List.of(B), balancer.healthyServers());
        assertEquals(B, balancer.select());
    }

    @Test
    void followsTheAnnouncedServers() throws Exception {
        connector.announce(registration(A, B));
        balancer().register();
        await(() -> balancer.healthyServers().size() == 2);
        FakeTunnel toA = connector.tunnels(A).get(0);

        connector.announce(registration(B, C));
        toA.listener.onMessage(new ServerMessage.Servers(List.of(B, C)));

        await(() -> balancer.healthyServers().equals(List.of(B, C)));
        assertFalse(toA.open, "a server that left the list loses its tunnel");
        assertEquals(1, connector.tunnels(A).size(), "and is not reconnected");
        assertEquals(1, connector.tunnels(B).size(), "a server that stays keeps its tunnel");
    }

    @Test
    void waitsWithBackoffUntilTheServerRegistersTheNode() throws Exception {
        connector.fail(REGISTRATION, new IOException("connection refused"));
        connector.fail(REGISTRATION, new RegistrationRefusedException(503, "not ready"));
        connector.announce(registration());

        balancer().register();
        assertEquals(3, connector.attempts(REGISTRATION));
    }

    @Test
    void aFinalRefusalEndsTheRegistration() {
        connector.fail(REGISTRATION, new RegistrationRefusedException(403, "password mismatch"));

        RegistrationRefusedException refusal = assertThrows(RegistrationRefusedException.class, () -> balancer().register());
        assertEquals("password mismatch", refusal.getMessage());
        assertEquals(1, connector.attempts(REGISTRATION));
    }

    @Test
    void aFinalRefusalOnReconnectionIsReported() throws Exception {
        connector.announce(registration(A));
        balancer().register();
        await(() -> balancer.healthyServers().equals(List.of(A)));

        connector.fail(A, new RegistrationRefusedException(401, "invalid token"));
        connector.tunnels(A).get(0).drop();

        await(() -> refusals.size() == 1);
        assertEquals(401, refusals.get(0).status());
    }

    @Test
    void reconnectsAfterFailuresWithBackoff() throws Exception {
        connector.announce(registration(A));
        balancer().register();
        await(() -> balancer.healthyServers().equals(List.of(A)));

        connector.fail(A, new IOException("connection refused"));
        connector.fail(A, new IOException("connection refused"));
        connector.tunnels(A).get(0).drop();

        await(() -> connector.attempts(A) == 4 && balancer.healthyServers().equals(List.of(A)));
    }

    @Test
    void backoffDoublesWithJitterUpToTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(7));
        for (int round = 0; round < 100; round++) {
            assertBetween(500, 1000, backoff.delay(1));
            assertBetween(1000, 2000, backoff.delay(2));
            assertBetween(4000, 8000, backoff.delay(4));
            assertBetween(15000, 30000, backoff.delay(6));
            assertBetween(15000, 30000, backoff.delay(60));
        }
    }

    private static void assertBetween(long min, long max, Duration delay) {
        assertTrue(delay.toMillis() >= min && delay.toMillis() <= max, delay + " not in [" + min + ", " + max + "] ms");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 5 s");
            Thread.sleep(5);
        }
    }

    /** Tunnels that open at once, answer pings, and fail when told to. */
    private static final class FakeConnector implements TunnelConnector {

        private final Map<URI, Deque<Exception>> failures = new ConcurrentHashMap<>();
        private volatile ServerMessage.Registration announcement = registration();
        private final Map<URI, List<FakeTunnel>> tunnels = new ConcurrentHashMap<>();
        private final Map<URI, AtomicLong> attempts = new ConcurrentHashMap<>();
        private final java.util.Set<URI> unreachable = ConcurrentHashMap.newKeySet();

        /** What every server says first from now on: the servers agree on the list. */
        void announce(ServerMessage.Registration registration) {
            announcement = registration;
        }

        void fail(URI server, Exception failure) {
            failures.computeIfAbsent(server, s -> new ArrayDeque<>()).add(failure);
        }

        List<FakeTunnel> tunnels(URI server) {
            return tunnels.getOrDefault(server, List.of());
        }

        /** While down, the server cannot be reached. */
        void down(URI server, boolean isDown) {
            if (isDown) {
                unreachable.add(server);
            } else {
                unreachable.remove(server);
            }
        }

        long attempts(URI server) {
            return attempts.getOrDefault(server, new AtomicLong()).get();
        }

        @Override
        public synchronized Tunnel connect(URI server, TunnelListener listener) throws RegistrationRefusedException, IOException {
            attempts.computeIfAbsent(server, s -> new AtomicLong()).incrementAndGet();
            Exception failure = failures.getOrDefault(server, new ArrayDeque<>()).poll();
            if (failure instanceof RegistrationRefusedException refusal) {
                throw refusal;
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            if (unreachable.contains(server)) {
                throw new IOException("connection refused");
            }
            FakeTunnel tunnel = new FakeTunnel(server, listener);
            tunnels.computeIfAbsent(server, s -> new CopyOnWriteArrayList<>()).add(tunnel);
            listener.onMessage(announcement);
            return tunnel;
        }
    }

    private static final class FakeTunnel implements Tunnel {

        final URI server;
        final TunnelListener listener;
        volatile boolean open = true;

        FakeTunnel(URI server, TunnelListener listener) {
            this.server = server;
            this.listener = listener;
        }

        @Override
        public URI server() {
            return server;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void ping() {
            listener.onPong();
        }

        @Override
        public synchronized void close() {
            if (open) {
                open = false;
                listener.onClosed("1000 closed by the agent");
            }
        }

        /** As a crashed server or a broken network. */
        void drop() {
            close();
        }
    }
}
