package io.k3j.agent.tunnel;

import io.k3j.agent.identity.NodeIdentity;
import io.k3j.agent.loadbalancer.ServerUrls;
import io.k3j.agent.log.AgentLog;
import io.k3j.agent.trust.ClusterToken;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.glassfish.tyrus.container.jdk.client.JdkClientContainer;
import org.glassfish.tyrus.core.HandshakeException;
import org.glassfish.tyrus.spi.UpgradeResponse;

/**
 * Tunnels over Tyrus's JDK-socket client: {@code wss://<server>/v1-k3j/connect} with the node's
 * credentials in the handshake headers.
 *
 * <p>Tyrus reports a refused handshake's status (through {@link ClientEndpointConfig.Configurator#afterResponse}
 * and {@link HandshakeException}) but never its body; for the refusals that end the agent, one
 * plain GET of the same address with the same headers fetches the server's Status message.
 */
public final class WebSocketTunnelConnector implements TunnelConnector {

    static final String NODE_NAME_HEADER = "K3j-Node-Name";
    static final String NODE_PASSWORD_HEADER = "K3j-Node-Password";

    private final NodeIdentity identity;
    private final Map<String, List<String>> headers;
    private final HttpClient http;
    private final Duration timeout;
    private final AgentLog log;
    private final ClientManager client;

    /**
     * @param ssl trusts the cluster CA only; host names are checked
     * @param http over the same TLS context, for the Status of a refusal
     */
    public WebSocketTunnelConnector(NodeIdentity identity, ClusterToken token, SSLContext ssl, HttpClient http,
            Duration timeout, AgentLog log) {
        this.identity = identity;
        this.http = http;
        this.timeout = timeout;
        this.log = log;
        Map<String, List<String>> credentials = new LinkedHashMap<>();
        credentials.put("Authorization", List.of("Basic " + Base64.getEncoder()
                .encodeToString(("node:" + token.secret()).getBytes(StandardCharsets.UTF_8))));
        credentials.put(NODE_NAME_HEADER, List.of(identity.name()));
        credentials.put(NODE_PASSWORD_HEADER, List.of(identity.password()));
        this.headers = Map.copyOf(credentials);

        client = ClientManager.createClient(JdkClientContainer.class.getName());
        SslEngineConfigurator tls = new SslEngineConfigurator(ssl, true, false, false);
        tls.setHostVerificationEnabled(true);
        client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, tls);
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) timeout.toMillis());
        // agents in one JVM (tests, simulators) share one selector and worker pool
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
    }

    @Override
    public Tunnel connect(URI server, TunnelListener listener) throws RegistrationRefusedException, IOException {
        AtomicInteger handshakeStatus = new AtomicInteger();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> request) {
                        request.putAll(headers);
                    }

                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        if (response instanceof UpgradeResponse upgrade) {
                            handshakeStatus.set(upgrade.getStatus());
                        }
                    }
                })
                .build();
        TunnelEndpoint endpoint = new TunnelEndpoint(server, listener);
        try {
            Session session = client.connectToServer(endpoint, config, ServerUrls.connectUri(server));
            return new WebSocketTunnel(server, session);
        } catch (DeploymentException e) {
            int status = handshakeStatus.get() > 0 ? handshakeStatus.get() : statusOf(e);
            if (status > 0 && status != 101) {
                throw refusal(server, status);
            }
            throw new IOException(describe(e), e);
        }
    }

    private static int statusOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HandshakeException handshake && handshake.getHttpStatusCode() > 0) {
                return handshake.getHttpStatusCode();
            }
        }
        return 0;
    }

    /** The deepest message, which says what broke (refused connection, certificate, timeout). */
    private static String describe(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return deepest == failure ? message : failure.getMessage() + ": " + message;
    }

    private RegistrationRefusedException refusal(URI server, int status) {
        RegistrationRefusedException meaning = Refusals.meaning(status, identity.name());
        if (!meaning.isFinal()) {
            return meaning;
        }
        return new RegistrationRefusedException(status, statusMessage(server, status)
                .filter(message -> !Refusals.isOnlyTheReason(status, message))
                .orElse(meaning.getMessage()));
    }

    /** The server's Status message for the refusal, when a plain GET is refused the same way. */
    private Optional<String> statusMessage(URI server, int status) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/v1-k3j/connect")).timeout(timeout).GET();
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == status ? Refusals.statusMessage(response.body()) : Optional.empty();
        } catch (IOException e) {
            log.fine("cannot fetch the Status of the refusal by " + server + ": " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Reads the server's messages and pongs; reports the close once. */
    private final class TunnelEndpoint extends Endpoint {

        private final URI server;
        private final TunnelListener listener;
        private final AtomicBoolean closed = new AtomicBoolean();

        TunnelEndpoint(URI server, TunnelListener listener) {
            this.server = server;
            this.listener = listener;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, this::onText);
            session.addMessageHandler(PongMessage.class, pong -> listener.onPong());
        }

        private void onText(String text) {
            try {
                ServerMessages.parse(text).ifPresent(listener::onMessage);
            } catch (IllegalArgumentException e) {
                log.warning("ignoring a message from " + server + ": " + e.getMessage());
            }
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            if (closed.compareAndSet(false, true)) {
                String phrase = reason.getReasonPhrase();
                listener.onClosed(reason.getCloseCode().getCode() + (phrase == null || phrase.isEmpty() ? "" : " " + phrase));
            }
        }

        @Override
        public void onError(Session session, Throwable failure) {
            if (closed.compareAndSet(false, true)) {
                listener.onClosed(describe(failure));
            }
            try {
                session.close();
            } catch (IOException | RuntimeException e) {
                // already broken
            }
        }
    }

    private record WebSocketTunnel(URI server, Session session) implements Tunnel {

        private static final ByteBuffer PING = ByteBuffer.wrap("k3j".getBytes(StandardCharsets.US_ASCII));

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        @Override
        public void ping() {
            try {
                session.getAsyncRemote().sendPing(PING.duplicate());
            } catch (IOException | RuntimeException e) {
                // a broken tunnel answers no pong, which the health check notices
            }
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (IOException | RuntimeException e) {
                // already broken: onClose/onError report it
            }
        }
    }
}
