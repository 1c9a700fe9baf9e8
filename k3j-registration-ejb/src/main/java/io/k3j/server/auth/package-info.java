/**
 * Who makes an API request: the one place that turns a request's credentials into a
 * {@link io.k3j.server.auth.UserInfo}, or refuses it.
 *
 * <p>The web module asks the {@link io.k3j.server.auth.Authenticator} once per request, in a
 * servlet filter in front of every endpoint. Each kind of credential is a
 * {@link io.k3j.server.auth.CredentialVerifier}; the admin token is the first, and node
 * credentials and client certificates join the list that
 * {@link io.k3j.server.auth.AuthenticationService} builds, without changing any caller.
 */
package io.k3j.server.auth;
