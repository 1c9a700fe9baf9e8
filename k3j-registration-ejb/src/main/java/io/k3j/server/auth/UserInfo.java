package io.k3j.server.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user as Kubernetes names users: a name and the groups it belongs to.
 *
 * @param name such as {@code system:admin}
 * @param groups such as {@code system:masters}
 */
public record UserInfo(String name, List<String> groups) {

    /** Every user that presented a valid credential is in this group, as in Kubernetes. */
    public static final String AUTHENTICATED = "system:authenticated";

    /** The holder of the admin kubeconfig, named as K3s names the holder of its admin certificate. */
    public static final UserInfo ADMIN = new UserInfo("system:admin", List.of("system:masters"));

    /** A request without a credential, which may only read the server's public information. */
    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", List.of("system:unauthenticated"));

    /** The group of every node's user, as in Kubernetes. */
    public static final String NODES = "system:nodes";

    /** A node's user name is this prefix and the node's name, as in Kubernetes. */
    public static final String NODE_PREFIX = "system:node:";

    /**
     * An agent that presented the cluster token to register: it may open the registration
     * WebSocket and nothing else, until registration hands it a node credential.
     */
    public static final UserInfo NODE_BOOTSTRAP = new UserInfo("k3j:node-bootstrap", List.of("k3j:bootstrappers"));

    public UserInfo {
        Objects.requireNonNull(name, "name");
        groups = List.copyOf(groups);
    }

    /** The user of the node with this name. */
    public static UserInfo node(String nodeName) {
        return new UserInfo(NODE_PREFIX + nodeName, List.of(NODES));
    }

    /** The node's name when this is a node's user. */
    public Optional<String> nodeName() {
        return name.startsWith(NODE_PREFIX) && groups.contains(NODES)
                ? Optional.of(name.substring(NODE_PREFIX.length()))
                : Optional.empty();
    }

    /** Whether this is an agent that presented the cluster token, whatever groups authentication added. */
    public boolean isNodeBootstrap() {
        return name.equals(NODE_BOOTSTRAP.name()) && groups.containsAll(NODE_BOOTSTRAP.groups());
    }

    /** Whether this user may do anything, as members of {@code system:masters} may. */
    public boolean isMaster() {
        return groups.contains(ADMIN.groups().get(0));
    }

    /** This user with one more group, unless already in it. */
    UserInfo withGroup(String group) {
        if (groups.contains(group)) {
            return this;
        }
        List<String> more = new ArrayList<>(groups);
        more.add(group);
        return new UserInfo(name, more);
    }
}
