package io.k3j.server.bootstrap;

/**
 * The cluster this server belongs to.
 *
 * @param id the cluster id
 * @param created whether this start created the cluster, rather than joining it
 */
public record Cluster(String id, boolean created) {
}
