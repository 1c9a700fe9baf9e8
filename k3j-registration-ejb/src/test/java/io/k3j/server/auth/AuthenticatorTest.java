package io.k3j.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.k3j.server.bootstrap.AdminKubeconfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final String CLUSTER_TOKEN = "cluster-token";
    private static final String ADMIN_TOKEN = AdminKubeconfig.credential(CLUSTER_TOKEN);

    private final Authenticator authenticator = new Authenticator(List.of(new AdminTokenVerifier(CLUSTER_TOKEN)));

    private static Credentials bearer(String token) {
        return new Credentials(Optional.of(token), Optional.empty());
    }

    @Test
    void theAdminTokenIsTheAdminInTheMastersGroup() {
        UserInfo user = authenticator.authenticate("/api/v1/namespaces", bearer(ADMIN_TOKEN)).orElseThrow();

        assertEquals("system:admin", user.name());
        assertEquals(List.of("system:masters", "system:authenticated"), user.groups());
    }

    @Test
    void aRequestWithoutCredentialIsRefusedOutsideThePublicPaths() {
        for (String path : List.of("/api", "/api/v1/secrets", "/apis", "/", "", "/openapi/v3", "/version/x",
                "/readyz/../api/v1/secrets", "/healthz/ping", "/nosuch")) {
            assertEquals(Optional.empty(), authenticator.authenticate(path, Credentials.NONE), path);
        }
    }

    @Test
    void healthAndVersionAreOpenToAnonymousRequests() {
        for (String path : List.of("/version", "/version/", "/healthz", "/livez", "/readyz")) {
            assertEquals(Optional.of(UserInfo.ANONYMOUS), authenticator.authenticate(path, Credentials.NONE), path);
        }
        assertEquals(List.of("system:unauthenticated"), UserInfo.ANONYMOUS.groups());
    }

    @Test
    void aWrongTokenIsRefusedEvenOnAPublicPath() {
        for (String token : List.of("wrong", ADMIN_TOKEN + "x", ADMIN_TOKEN.substring(1), CLUSTER_TOKEN,
                AdminKubeconfig.credential("another-cluster"))) {
            assertEquals(Optional.empty(), authenticator.authenticate("/api/v1/pods", bearer(token)), token);
            assertEquals(Optional.empty(), authenticator.authenticate("/version", bearer(token)), token);
        }
    }

    @Test
    void verifiersAreTriedInOrderUntilOneAccepts() {
        UserInfo node = new UserInfo("system:node:n1", List.of("system:nodes"));
        CredentialVerifier declines = credentials -> Optional.empty();
        CredentialVerifier nodes = credentials -> credentials.bearerToken().filter("node-secret"::equals).map(t -> node);
        Authenticator chain = new Authenticator(List.of(declines, new AdminTokenVerifier(CLUSTER_TOKEN), nodes));

        assertEquals(Optional.of(new UserInfo("system:node:n1", List.of("system:nodes", "system:authenticated"))),
                chain.authenticate("/api/v1/nodes", bearer("node-secret")));
        assertEquals("system:admin", chain.authenticate("/api/v1/nodes", bearer(ADMIN_TOKEN)).orElseThrow().name());
        assertEquals(Optional.empty(), chain.authenticate("/api/v1/nodes", bearer("other")));
    }

    @Test
    void noVerifiersAcceptNoCredential() {
        assertFalse(new Authenticator(List.of()).authenticate("/api", bearer(ADMIN_TOKEN)).isPresent());
    }
}
