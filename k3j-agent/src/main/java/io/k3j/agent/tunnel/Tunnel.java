package io.k3j.agent.tunnel;

import java.net.URI;

/** One open WebSocket to one server's {@code /v1-k3j/connect}. */
public interface Tunnel extends AutoCloseable {

    URI server();

    boolean isOpen();

    /** Sends a WebSocket ping; the pong arrives at {@link TunnelListener#onPong()}. */
    void ping();

    /** Closes the WebSocket; {@link TunnelListener#onClosed} follows. */
    @Override
    void close();
}
