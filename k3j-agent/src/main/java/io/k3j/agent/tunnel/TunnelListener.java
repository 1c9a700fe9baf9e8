package io.k3j.agent.tunnel;

/** What happens on one tunnel; called on the WebSocket client's threads. */
public interface TunnelListener {

    void onMessage(ServerMessage message);

    void onPong();

    /** Once, when the tunnel is closed by either side or broken. */
    void onClosed(String reason);
}
