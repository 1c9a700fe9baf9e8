package io.k3j.api.connect;

import io.k3j.api.auth.AuthenticationFilter;
import io.k3j.api.auth.PrincipalRequest;
import io.k3j.api.auth.StatusResponses;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import io.k3j.server.api.status.Status;
import io.k3j.server.registration.NodeRegistrar;
import io.k3j.server.registration.Registration;
import io.k3j.server.registration.RegistrationService;
import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Registers the agent that asks for {@code /v1-k3j/connect}, before its WebSocket upgrade: a
 * refusal (400 bad name, 403 wrong node password) is an HTTP answer with a Status the agent
 * prints, as the seed's rules ask. Mapped after {@link AuthenticationFilter} in web.xml, which has
 * already checked the cluster token; a request that did not pass it is refused here too.
 */
@WebFilter(filterName = "RegistrationFilter", asyncSupported = true)
public class RegistrationFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(RegistrationFilter.class.getName());

    static final String NODE_NAME_HEADER = "K3j-Node-Name";
    static final String NODE_PASSWORD_HEADER = "K3j-Node-Password";

    @EJB
    private transient RegistrationService registration;

    private transient NodeRegistrar registrar;

    @Override
    public void init() {
        registrar = registration.registrar();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(AuthenticationFilter.USER) == null) {
            StatusResponses.send(response, Status.failure(Reason.UNAUTHORIZED, "Unauthorized"));
            return;
        }
        Registration admitted;
        try {
            admitted = registrar.register(request.getHeader(NODE_NAME_HEADER), request.getHeader(NODE_PASSWORD_HEADER));
        } catch (ApiException e) {
            LOG.info("refused the registration of node " + printable(request.getHeader(NODE_NAME_HEADER)) + " from "
                    + request.getRemoteAddr() + ": " + e.status().message());
            StatusResponses.send(response, e.status());
            return;
        }
        LOG.info("node " + admitted.nodeName() + " registered from " + request.getRemoteAddr()
                + (admitted.firstRegistration() ? " (first registration: its node password is stored)" : ""));
        chain.doFilter(new PrincipalRequest(request, new RegisteredNode(admitted)), response);
    }

    /** A header value fit for one log line, whatever an agent sent. */
    private static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "\"" + cut.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
