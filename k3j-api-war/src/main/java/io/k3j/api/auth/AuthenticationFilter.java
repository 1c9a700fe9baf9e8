package io.k3j.api.auth;

import io.k3j.server.api.status.Reason;
import io.k3j.server.api.status.Status;
import io.k3j.server.auth.AuthenticationService;
import io.k3j.server.auth.Authenticator;
import io.k3j.server.auth.Authorizer;
import io.k3j.server.auth.Credentials;
import io.k3j.server.auth.UserInfo;
import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates every request before any endpoint sees it (JAX-RS, watch streams, WebSockets
 * alike), refuses it with a 401 Status when it proves no one, and with 403 when its user may not
 * request the path at all. The user goes into the request attribute {@link #USER} and, for
 * WebSocket endpoints, into the request's {@link UserPrincipal}. Mapped first in web.xml.
 */
@WebFilter(filterName = "AuthenticationFilter", asyncSupported = true)
public class AuthenticationFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The request attribute that holds the {@link UserInfo} of an admitted request. */
    public static final String USER = "io.k3j.user";

    private static final Status UNAUTHORIZED = Status.failure(Reason.UNAUTHORIZED, "Unauthorized");

    @EJB
    private transient AuthenticationService authentication;

    private transient Authenticator authenticator;
    private transient Authorizer authorizer;

    @Override
    public void init() {
        authenticator = authentication.authenticator();
        authorizer = authentication.authorizer();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // the raw path, so that no encoding or dot segment can make a path look public
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<UserInfo> user = authenticator.authenticate(path,
                Credentials.fromAuthorizationHeader(request.getHeader("Authorization")));
        if (user.isEmpty()) {
            StatusResponses.send(response, UNAUTHORIZED);
            return;
        }
        if (!authorizer.mayRequestPath(user.get(), path)) {
            StatusResponses.send(response, Status.failure(Reason.FORBIDDEN, "forbidden: User \"" + user.get().name()
                    + "\" cannot " + request.getMethod().toLowerCase(Locale.ROOT) + " path \"" + path + "\""));
            return;
        }
        request.setAttribute(USER, user.get());
        chain.doFilter(new PrincipalRequest(request, new UserPrincipal(user.get())), response);
    }
}
