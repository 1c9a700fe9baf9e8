package io.k3j.api.kube;

import io.k3j.server.api.resource.ResourceCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /apis} and {@code /apis/<group>}; the group versions answer in {@link GroupVersionResource}. */
@Path("apis")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ApiGroupsResource {

    private final Discovery discovery = new Discovery(ResourceCatalog.builtIn());

    @GET
    public Response groups() {
        return JsonResponses.ok(discovery.groupList());
    }

    @GET
    @Path("{group}")
    public Response group(@PathParam("group") String group) {
        return JsonResponses.ok(discovery.group(group));
    }
}
