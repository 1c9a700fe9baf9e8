package io.k3j.api.auth;

import io.k3j.server.auth.UserInfo;
import java.security.Principal;
import java.util.Objects;

/**
 * The authenticated user as a {@link Principal}: the form in which WebSocket endpoints, which see
 * no request attributes, learn who opened them.
 */
public record UserPrincipal(UserInfo user) implements Principal {

    public UserPrincipal {
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String getName() {
        return user.name();
    }
}
