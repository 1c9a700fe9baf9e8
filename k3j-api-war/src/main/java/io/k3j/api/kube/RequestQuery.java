package io.k3j.api.kube;

import io.k3j.server.api.store.DeleteOptions;
import io.k3j.server.api.store.ListOptions;
import io.k3j.server.api.store.WatchOptions;
import io.k3j.server.api.store.WriteOptions;
import io.k3j.server.api.table.IncludeObject;
import io.k3j.server.api.table.TableOptions;
import io.k3j.server.api.table.TableVersion;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The query parameters of resource requests; absent ones are null, as the option parsers expect. */
public class RequestQuery {

    /**
     * The request's query, injected whole: Jersey resolves an {@code @QueryParam} field of a
     * {@code @BeanParam} anew for every request, which cost a get a seventh of its time.
     */
    @Context
    private UriInfo uri;

    private Map<String, List<String>> parameters;

    /** The query of a request that JAX-RS does not parse, such as a WebSocket upgrade. */
    static RequestQuery of(Map<String, List<String>> parameters) {
        RequestQuery query = new RequestQuery();
        query.parameters = parameters;
        return query;
    }

    /** The first value of a parameter, or null when the request has none. */
    private String parameter(String name) {
        if (parameters == null) {
            parameters = uri.getQueryParameters();
        }
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether a collection GET asks for a watch; Kubernetes takes "true" and "1". */
    boolean isWatch() {
        return "true".equals(parameter("watch")) || "1".equals(parameter("watch"));
    }

    ListOptions listOptions() {
        return ListOptions.fromQuery(parameter("labelSelector"), parameter("fieldSelector"), parameter("limit"),
                parameter("continue"), parameter("resourceVersion"), parameter("resourceVersionMatch"));
    }

    /**
     * The options of a watch.
     *
     * @param name the object a single-object watch URL names; empty for a collection
     */
    WatchOptions watchOptions(String name) {
        WatchOptions options = WatchOptions.fromQuery(parameter("labelSelector"), parameter("fieldSelector"),
                parameter("resourceVersion"), parameter("allowWatchBookmarks"), parameter("timeoutSeconds"));
        return name.isEmpty() ? options : options.forName(name);
    }

    /**
     * The options of a create, update or patch.
     *
     * @param warnings where the write's warnings go, for the response's Warning headers
     */
    WriteOptions writeOptions(Consumer<String> warnings) {
        return WriteOptions.fromQuery(parameter("dryRun"), parameter("fieldValidation"), warnings);
    }

    /** How to render a Table of the version the Accept header chose. */
    TableOptions tableOptions(TableVersion version) {
        return new TableOptions(version, IncludeObject.fromQuery(parameter("includeObject")));
    }

    DeleteOptions deleteOptions(JsonObject body) {
        return DeleteOptions.fromRequest(body, parameter("gracePeriodSeconds"), parameter("propagationPolicy"),
                parameter("dryRun"));
    }

    /** The resourceVersion parameter, null when absent. */
    String resourceVersion() {
        return parameter("resourceVersion");
    }
}
