package io.k3j.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void aBearerHeaderCarriesItsToken() {
        assertEquals(Optional.of("abc-DEF_1"), Credentials.fromAuthorizationHeader("Bearer abc-DEF_1").bearerToken());
        assertEquals(Optional.of("abc"), Credentials.fromAuthorizationHeader("bearer abc").bearerToken());
        assertEquals(Optional.of("abc"), Credentials.fromAuthorizationHeader("  BEARER   abc ").bearerToken());
    }

    @Test
    void anythingElsePresentsNothing() {
        assertTrue(Credentials.fromAuthorizationHeader(null).isEmpty());
        assertTrue(Credentials.fromAuthorizationHeader("").isEmpty());
        assertTrue(Credentials.fromAuthorizationHeader("Bearer").isEmpty());
        assertTrue(Credentials.fromAuthorizationHeader("Bearer ").isEmpty());
        assertTrue(Credentials.fromAuthorizationHeader("Basic dXNlcjpwdw==").isEmpty());
        assertTrue(Credentials.fromAuthorizationHeader("Bearer a b").isEmpty());
        assertTrue(Credentials.fromAuthorizationHeader("Bearerabc").isEmpty());
    }

    @Test
    void theTokenNeverShowsInTheText() {
        Credentials credentials = Credentials.fromAuthorizationHeader("Bearer top-secret");
        assertFalse(credentials.toString().contains("top-secret"), credentials.toString());
        assertEquals("Credentials[bearer token]", credentials.toString());
        assertEquals("Credentials[none]", Credentials.NONE.toString());
    }
}
