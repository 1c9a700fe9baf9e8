package io.k3j.api.connect;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * {@code /v1-k3j/connect}: the WebSocket each agent holds to each server, opened once
 * {@link RegistrationFilter} admitted it. The server sends the registration, then server-list
 * changes, and pings it; the agent sends nothing yet.
 */
@ServerEndpoint("/v1-k3j/connect")
public class ConnectEndpoint {

    private static final Logger LOG = Logger.getLogger(ConnectEndpoint.class.getName());

    /** Agents send no messages yet: anything large is garbage. */
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;

    @Inject
    private AgentTunnels tunnels;

    @OnOpen
    public void open(Session session) throws IOException {
        if (!(session.getUserPrincipal() instanceof RegisteredNode node)) {
            // only a handshake that RegistrationFilter admitted gets here; anything else is a misconfiguration
            session.close(new CloseReason(CloseCodes.VIOLATED_POLICY, "not registered"));
            return;
        }
        session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        tunnels.opened(session, node.registration());
    }

    @OnMessage
    public void pong(PongMessage pong, Session session) {
        tunnels.ponged(session);
    }

    @OnMessage
    public void text(String message, Session session) {
        tunnels.ponged(session); // any message shows the agent is alive
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        tunnels.closed(session, reason.getReasonPhrase());
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.fine("agent tunnel failed: " + failure);
    }
}
