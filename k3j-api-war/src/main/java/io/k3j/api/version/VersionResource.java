package io.k3j.api.version;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /version}, the first request of every Kubernetes client. */
@Path("version")
@ApplicationScoped
public class VersionResource {

    private final JsonObject version = KubernetesVersion.current().toJson();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject version() {
        return version;
    }
}
