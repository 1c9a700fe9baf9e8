package io.k3j.server.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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

    public UserInfo {
        Objects.requireNonNull(name, "name");
        groups = List.copyOf(groups);
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
