package io.k3j.server.bootstrap;

import java.util.Objects;

/**
 * The cluster this server belongs to.
 *
 * @param id the cluster id
 * @param created whether this start created the cluster, rather than joining it
 * @param token the cluster token this server settled on, from which credentials are derived; a secret
 */
public record Cluster(String id, boolean created, String token) {

    public Cluster {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(token, "token");
    }

    /** Leaves the token out, so that logging a cluster never logs its secret. */
    @Override
    public String toString() {
        return "Cluster[id=" + id + ", created=" + created + "]";
    }
}
