package io.k3j.api.kube;

import io.k3j.server.api.resource.ResourceCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code GET /api}: the core group's versions; {@code /api/v1} answers in {@link CoreV1Resource}. */
@Path("api")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ApiVersionsResource {

    private final Discovery discovery = new Discovery(ResourceCatalog.builtIn());

    /** The server address is the one the client used, which is one that reaches this server. */
    @GET
    public Response api(@Context UriInfo uri) {
        return JsonResponses.ok(discovery.apiVersions(uri.getBaseUri().getAuthority()));
    }
}
