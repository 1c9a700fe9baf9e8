package io.k3j.api.auth;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.status.Reason;
import io.k3j.server.api.status.Status;
import io.k3j.server.auth.AuthenticationService;
import io.k3j.server.auth.Authenticator;
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
import java.util.Optional;

/**
 * Authenticates every request before any endpoint sees it (JAX-RS, watch streams, WebSockets
 * alike), and answers a refused one with a 401 Status itself. The user goes into the request
 * attribute {@link #USER}.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AuthenticationFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The request attribute that holds the {@link UserInfo} of an admitted request. */
    public static final String USER = "io.k3j.user";

    private static final byte[] UNAUTHORIZED = JsonSupport.toBytes(Status.failure(Reason.UNAUTHORIZED, "Unauthorized").toJson());

    @EJB
    private transient AuthenticationService authentication;

    private transient Authenticator authenticator;

    @Override
    public void init() {
        authenticator = authentication.authenticator();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // the raw path, so that no encoding or dot segment can make a path look public
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<UserInfo> user = authenticator.authenticate(path,
                Credentials.fromAuthorizationHeader(request.getHeader("Authorization")));
        if (user.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.setContentLength(UNAUTHORIZED.length);
            response.getOutputStream().write(UNAUTHORIZED);
            return;
        }
        request.setAttribute(USER, user.get());
        chain.doFilter(request, response);
    }
}
