package io.k3j.api.kube;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/**
 * The resources of the named groups: {@code /apis/<group>/<version>/...}. One instance serves
 * every request (see {@link ResourceEndpoints}), so the group and version come from the current
 * request's path rather than from injected fields.
 */
@Path("apis/{group}/{version}")
@ApplicationScoped
public class GroupVersionResource extends ResourceEndpoints {

    @Context
    private UriInfo uri;

    @Override
    protected String group() {
        return uri.getPathParameters().getFirst("group");
    }

    @Override
    protected String version() {
        return uri.getPathParameters().getFirst("version");
    }
}
