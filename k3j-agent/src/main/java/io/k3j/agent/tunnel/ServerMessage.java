package io.k3j.agent.tunnel;

import java.net.URI;
import java.util.List;

/** What a server says over the tunnel; each a JSON text message of {@code apiVersion k3j.io/v1}. */
public sealed interface ServerMessage {

    /** The servers' API addresses; empty when only the registration address is known. */
    List<URI> servers();

    /**
     * The first message on every tunnel.
     *
     * @param nodeToken the bearer token of {@code system:node:<nodeName>} for the Kubernetes API
     */
    record Registration(String nodeName, String nodeToken, List<URI> servers) implements ServerMessage {

        public Registration {
            servers = List.copyOf(servers);
        }

        /** Names no token. */
        @Override
        public String toString() {
            return "Registration[nodeName=" + nodeName + ", servers=" + servers + "]";
        }
    }

    /** Sent whenever the set of servers changes. */
    record Servers(List<URI> servers) implements ServerMessage {

        public Servers {
            servers = List.copyOf(servers);
        }
    }
}
