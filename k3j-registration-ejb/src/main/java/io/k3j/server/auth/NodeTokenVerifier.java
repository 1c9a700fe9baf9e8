package io.k3j.server.auth;

import java.util.Optional;

/** Accepts the bearer tokens that registration issues to nodes: the user {@code system:node:<name>}. */
public final class NodeTokenVerifier implements CredentialVerifier {

    private final NodeTokens tokens;

    public NodeTokenVerifier(NodeTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<UserInfo> verify(Credentials credentials) {
        return credentials.bearerToken().flatMap(tokens::verify).map(UserInfo::node);
    }
}
