package io.k3j.server.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who makes a request, or that it is refused with 401 Unauthorized, as the Kubernetes API
 * server does: a presented credential must be valid, wherever it is sent; without one, only the
 * public information that Kubernetes' {@code system:public-info-viewer} role opens may be read.
 */
public final class Authenticator {

    /**
     * The paths of {@code system:public-info-viewer}, health and version, and the cluster CA that
     * agents fetch (and check against their token) before they send any secret.
     */
    static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/livez", "/readyz", "/version", "/version/", "/cacerts");

    private final List<CredentialVerifier> verifiers;

    /** @param verifiers tried in this order; the first that accepts a credential names the user */
    public Authenticator(List<CredentialVerifier> verifiers) {
        this.verifiers = List.copyOf(verifiers);
    }

    /**
     * The user that makes a request, or empty when the request must be refused.
     *
     * @param path the request's path below the application, undecoded, such as {@code /api/v1/pods}
     */
    public Optional<UserInfo> authenticate(String path, Credentials credentials) {
        if (credentials.isEmpty()) {
            return PUBLIC_PATHS.contains(path) ? Optional.of(UserInfo.ANONYMOUS) : Optional.empty();
        }
        for (CredentialVerifier verifier : verifiers) {
            Optional<UserInfo> user = verifier.verify(credentials);
            if (user.isPresent()) {
                return Optional.of(user.get().withGroup(UserInfo.AUTHENTICATED));
            }
        }
        return Optional.empty();
    }
}
