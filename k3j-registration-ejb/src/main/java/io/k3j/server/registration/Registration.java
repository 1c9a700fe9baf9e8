package io.k3j.server.registration;

import java.util.Objects;

/**
 * An agent admitted under a node name.
 *
 * @param nodeName the name it registered
 * @param nodeToken the bearer token it uses for the Kubernetes API from now on; a secret
 * @param firstRegistration whether this registration stored the name's password
 */
public record Registration(String nodeName, String nodeToken, boolean firstRegistration) {

    public Registration {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(nodeToken, "nodeToken");
    }

    /** Leaves the token out, so that logging a registration never logs its secret. */
    @Override
    public String toString() {
        return "Registration[nodeName=" + nodeName + ", firstRegistration=" + firstRegistration + "]";
    }
}
