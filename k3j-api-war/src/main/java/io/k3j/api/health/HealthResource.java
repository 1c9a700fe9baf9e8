package io.k3j.api.health;

import io.k3j.server.bootstrap.BootstrapStartup;
import io.k3j.server.datastore.DatastoreService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The health endpoints of the Kubernetes API server. */
@Path("/")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class HealthResource {

    @EJB
    private BootstrapStartup bootstrap;

    @EJB
    private DatastoreService datastore;

    /** 200 {@code ok} once the API can serve, else 503 with the reason. */
    @GET
    @Path("readyz")
    public Response readyz() {
        return Readiness.notReadyBecause(bootstrap.cluster().isPresent(), () -> datastore.log().currentRevision())
                .map(reason -> Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(reason + "\n").build())
                .orElseGet(() -> Response.ok("ok").build());
    }

    /** 200 {@code ok} while the process runs. */
    @GET
    @Path("livez")
    public String livez() {
        return "ok";
    }

    /** The older name of {@code /livez}. */
    @GET
    @Path("healthz")
    public String healthz() {
        return "ok";
    }
}
