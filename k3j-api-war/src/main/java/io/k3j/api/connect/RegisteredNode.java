package io.k3j.api.connect;

import io.k3j.server.registration.Registration;
import java.security.Principal;
import java.util.Objects;

/** An agent that registration admitted, as the principal of its WebSocket handshake. */
record RegisteredNode(Registration registration) implements Principal {

    RegisteredNode {
        Objects.requireNonNull(registration, "registration");
    }

    @Override
    public String getName() {
        return registration.nodeName();
    }
}
