package io.k3j.server.auth;

import io.k3j.server.bootstrap.AdminKubeconfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Accepts the bearer token of the admin kubeconfig, which is derived from the cluster token. */
public final class AdminTokenVerifier implements CredentialVerifier {

    private final byte[] expected;

    /** @param clusterToken the cluster token, from which {@link AdminKubeconfig#credential} derives the admin's */
    public AdminTokenVerifier(String clusterToken) {
        this.expected = AdminKubeconfig.credential(clusterToken).getBytes(StandardCharsets.UTF_8);
    }

    /** Compares in constant time, so that answer times tell nothing about how much of a guess was right. */
    @Override
    public Optional<UserInfo> verify(Credentials credentials) {
        return credentials.bearerToken()
                // the expected credential first: isEqual's time then depends on its length only
                .filter(token -> MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8)))
                .map(token -> UserInfo.ADMIN);
    }
}
