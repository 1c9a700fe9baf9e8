package io.k3j.api.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * A request with the principal a filter established: WebSocket endpoints see no request
 * attributes, but Tyrus hands them the handshake request's principal.
 */
public final class PrincipalRequest extends HttpServletRequestWrapper {

    private final Principal principal;

    public PrincipalRequest(HttpServletRequest request, Principal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }
}
