package io.k3j.api.kube;

import io.k3j.server.api.ApiService;
import io.k3j.server.api.json.JsonSupport;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many watches this server holds, by resource, as Kubernetes's
 * apiserver_longrunning_requests gauge counts them ({@code /metrics} is Payara's own on this
 * listener): {@code {"total":3,"resources":{"configmaps":2,"leases.coordination.k8s.io":1}}}.
 */
@Path("v1-k3j/watches")
@RequestScoped
public class OpenWatchesResource {

    @EJB
    private ApiService api;

    @GET
    public Response openWatches() {
        Map<String, Integer> byResource = new TreeMap<>();
        api.watches().openWatches().forEach((type, count) -> byResource.merge(type.groupResource(), count, Integer::sum));
        JsonObjectBuilder resources = JsonSupport.object();
        byResource.forEach(resources::add);
        return JsonResponses.ok(JsonSupport.object()
                .add("total", byResource.values().stream().mapToInt(Integer::intValue).sum())
                .add("resources", resources)
                .build());
    }
}
