package io.k3j.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Accepts the cluster token that agents present to register, as Basic credentials of the user
 * {@code node}, the way K3s agents present theirs; the user it proves may only register.
 */
public final class ClusterTokenVerifier implements CredentialVerifier {

    /** The user name agents present with the cluster token. */
    public static final String AGENT_USER = "node";

    private final byte[] expected;

    /** @param clusterToken the cluster token, a secret */
    public ClusterTokenVerifier(String clusterToken) {
        this.expected = clusterToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<UserInfo> verify(Credentials credentials) {
        return credentials.basic()
                .filter(basic -> basic.user().equals(AGENT_USER))
                // the expected token first: isEqual's time then depends on its length only
                .filter(basic -> MessageDigest.isEqual(expected, basic.password().getBytes(StandardCharsets.UTF_8)))
                .map(basic -> UserInfo.NODE_BOOTSTRAP);
    }
}
