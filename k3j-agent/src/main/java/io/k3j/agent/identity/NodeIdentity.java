package io.k3j.agent.identity;

/**
 * Who the agent registers as.
 *
 * @param name the node name, a DNS-1123 subdomain
 * @param password the node password, kept in {@code <data-dir>/node/password}
 */
public record NodeIdentity(String name, String password) {

    /** Names no password. */
    @Override
    public String toString() {
        return "NodeIdentity[name=" + name + "]";
    }
}
