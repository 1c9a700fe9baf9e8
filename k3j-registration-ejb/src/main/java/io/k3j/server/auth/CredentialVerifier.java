package io.k3j.server.auth;

import java.util.Optional;

/** Checks one kind of credential. */
public interface CredentialVerifier {

    /**
     * The user that the credentials prove, or empty when they hold no credential of this
     * verifier's kind or one that it does not accept.
     */
    Optional<UserInfo> verify(Credentials credentials);
}
