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
        assertTrue(Credentials.fromAuthorizationHeader("Basic not-base64!").isEmpty());
        assertTrue(Credentials.fromAuthorizationHeader("Basic bm9jb2xvbg==").isEmpty(), "no colon in nocolon");
        assertTrue(Credentials.fromAuthorizationHeader("Digest abc").isEmpty());
        assertTrue(Credentials.fromAuthorizationHeader("Bearer a b").isEmpty());
        assertTrue(Credentials.fromAuthorizationHeader("Bearerabc").isEmpty());
    }

    @Test
    void aBasicHeaderCarriesUserAndPassword() {
        Credentials credentials = Credentials.fromAuthorizationHeader("Basic bm9kZTpzM2NyZXQ6d2l0aC1jb2xvbg==");
        assertEquals(Optional.of(new Credentials.Basic("node", "s3cret:with-colon")), credentials.basic());
        assertTrue(credentials.bearerToken().isEmpty());
        assertFalse(credentials.toString().contains("s3cret"), credentials.toString());
    }

    @Test
    void theTokenNeverShowsInTheText() {
        Credentials credentials = Credentials.fromAuthorizationHeader("Bearer top-secret");
        assertFalse(credentials.toString().contains("top-secret"), credentials.toString());
        assertEquals("Credentials[bearer token]", credentials.toString());
        assertEquals("Credentials[none]", Credentials.NONE.toString());
    }
}
