package io.k3j.api.kube;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The resources of the named groups: {@code /apis/<group>/<version>/...}. */
@Path("apis/{group}/{version}")
@RequestScoped
public class GroupVersionResource extends ResourceEndpoints {

    @PathParam("group")
    private String group;

    @PathParam("version")
    private String version;

    @Override
    protected String group() {
        return group;
    }

    @Override
    protected String version() {
        return version;
    }
}
