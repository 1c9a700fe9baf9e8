package io.k3j.api.kube;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

/** The core group's resources: {@code /api/v1/...}. */
@Path("api/v1")
@RequestScoped
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
