package io.k3j.api.kube;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;

/**
 * The core group's resources: {@code /api/v1/...}. One instance serves every request (see
 * {@link ResourceEndpoints}).
 */
@Path("api/v1")
@ApplicationScoped
public class CoreV1Resource extends ResourceEndpoints {

    @Override
    protected String group() {
        return "";
    }

    @Override
    protected String version() {
        return "v1";
    }
}
