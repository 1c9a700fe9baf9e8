package io.k3j.agent.tunnel;

import java.io.IOException;
import java.net.URI;

/** Opens tunnels: registrations with the node's credentials, to any server of the cluster. */
public interface TunnelConnector {

    /**
     * Blocks until the WebSocket is open or refused.
     *
     * @throws RegistrationRefusedException when the server answers the handshake with an HTTP error
     * @throws IOException when the server cannot be reached, or the handshake breaks off
     */
    Tunnel connect(URI server, TunnelListener listener) throws RegistrationRefusedException, IOException;
}
