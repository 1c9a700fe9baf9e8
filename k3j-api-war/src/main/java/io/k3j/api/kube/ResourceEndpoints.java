package io.k3j.api.kube;

import io.k3j.server.api.ApiService;
import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType.Subresource;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Status;
import io.k3j.server.api.status.StatusDetails;
import io.k3j.server.api.store.Bodies;
import io.k3j.server.api.store.DeleteOptions;
import io.k3j.server.api.store.DeleteResult;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.api.store.ObjectWatch;
import io.k3j.server.api.store.WatchEvent;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * The verbs on the resources of one group version, under {@code /api/v1} or
 * {@code /apis/<group>/<version>}; thin over the {@link ObjectStore}.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class ResourceEndpoints {

    private static final String NO = "";

    @EJB
    private ApiService api;

    @Context
    private HttpServletResponse servletResponse;

    /** The group of the URL, empty for the core group. */
    protected abstract String group();

    protected abstract String version();

    /** {@code GET /api/v1} or {@code /apis/<group>/<version>}. */
    @GET
    public Response resourceList() {
        return JsonResponses.ok(new Discovery(ResourceCatalog.builtIn()).resourceList(group(), version()));
    }

    // ---- cluster-scoped types, and namespaced ones across all namespaces

    @GET
    @Path("{plural}")
    public Response readAll(@PathParam("plural") String plural, @BeanParam RequestQuery query) {
        return read(target(NO, plural, NO, NO), query);
    }

    @POST
    @Path("{plural}")
    public Response create(@PathParam("plural") String plural, @BeanParam RequestQuery query, byte[] body) {
        return create(target(NO, plural, NO, NO), query, body);
    }

    @DELETE
    @Path("{plural}")
    public Response deleteAll(@PathParam("plural") String plural, @BeanParam RequestQuery query, byte[] body) {
        return delete(target(NO, plural, NO, NO), query, body);
    }

    @GET
    @Path("{plural}/{name}")
    public Response read(@PathParam("plural") String plural, @PathParam("name") String name,
            @BeanParam RequestQuery query) {
        return read(target(NO, plural, name, NO), query);
    }

    @PUT
    @Path("{plural}/{name}")
    public Response update(@PathParam("plural") String plural, @PathParam("name") String name,
            @BeanParam RequestQuery query, byte[] body) {
        return update(target(NO, plural, name, NO), query, body);
    }

    @PATCH
    @Path("{plural}/{name}")
    public Response patch(@PathParam("plural") String plural, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @BeanParam RequestQuery query, byte[] body) {
        return patch(target(NO, plural, name, NO), contentType, query, body);
    }

    @DELETE
    @Path("{plural}/{name}")
    public Response delete(@PathParam("plural") String plural, @PathParam("name") String name,
            @BeanParam RequestQuery query, byte[] body) {
        return delete(target(NO, plural, name, NO), query, body);
    }

    @GET
    @Path("{plural}/{name}/{subresource}")
    public Response readSubresource(@PathParam("plural") String plural, @PathParam("name") String name,
            @PathParam("subresource") String subresource, @BeanParam RequestQuery query) {
        return read(target(NO, plural, name, subresource), query);
    }

    @PUT
    @Path("{plural}/{name}/{subresource}")
    public Response updateSubresource(@PathParam("plural") String plural, @PathParam("name") String name,
            @PathParam("subresource") String subresource, @BeanParam RequestQuery query, byte[] body) {
        return update(target(NO, plural, name, subresource), query, body);
    }

    @PATCH
    @Path("{plural}/{name}/{subresource}")
    public Response patchSubresource(@PathParam("plural") String plural, @PathParam("name") String name,
            @PathParam("subresource") String subresource, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam RequestQuery query, byte[] body) {
        return patch(target(NO, plural, name, subresource), contentType, query, body);
    }

    @POST
    @Path("{plural}/{name}/{subresource}")
    public Response createSubresource(@PathParam("plural") String plural, @PathParam("name") String name,
            @PathParam("subresource") String subresource, @BeanParam RequestQuery query, byte[] body) {
        return create(target(NO, plural, name, subresource), query, body);
    }

    // ---- namespaced types (and, by the same URL shape, namespaces/<name>/status and /finalize)

    @GET
    @Path("namespaces/{namespace}/{plural}")
    public Response readNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
            @BeanParam RequestQuery query) {
        return read(target(namespace, plural, NO, NO), query);
    }

    @POST
    @Path("namespaces/{namespace}/{plural}")
    public Response createNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
            @BeanParam RequestQuery query, byte[] body) {
        return create(target(namespace, plural, NO, NO), query, body);
    }

    @PUT
    @Path("namespaces/{namespace}/{plural}")
    public Response updateNamespaceSubresource(@PathParam("namespace") String namespace,
            @PathParam("plural") String plural, @BeanParam RequestQuery query, byte[] body) {
        return update(target(namespace, plural, NO, NO), query, body);
    }

    @PATCH
    @Path("namespaces/{namespace}/{plural}")
    public Response patchNamespaceSubresource(@PathParam("namespace") String namespace,
            @PathParam("plural") String plural, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam RequestQuery query, byte[] body) {
        return patch(target(namespace, plural, NO, NO), contentType, query, body);
    }

    @DELETE
    @Path("namespaces/{namespace}/{plural}")
    public Response deleteNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
            @BeanParam RequestQuery query, byte[] body) {
        return delete(target(namespace, plural, NO, NO), query, body);
    }

    @GET
    @Path("namespaces/{namespace}/{plural}/{name}")
    public Response readNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
            @PathParam("name") String name, @BeanParam RequestQuery query) {
        return read(target(namespace, plural, name, NO), query);
    }

    @PUT
    @Path("namespaces/{namespace}/{plural}/{name}")
    public Response updateNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
            @PathParam("name") String name, @BeanParam RequestQuery query, byte[] body) {
        return update(target(namespace, plural, name, NO), query, body);
    }

    @PATCH
    @Path("namespaces/{namespace}/{plural}/{name}")
    public Response patchNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
            @PathParam("name") String name, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam RequestQuery query, byte[] body) {
        return patch(target(namespace, plural, name, NO), contentType, query, body);
    }

    @DELETE
    @Path("namespaces/{namespace}/{plural}/{name}")
    public Response deleteNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
            @PathParam("name") String name, @BeanParam RequestQuery query, byte[] body) {
        return delete(target(namespace, plural, name, NO), query, body);
    }

    @GET
    @Path("namespaces/{namespace}/{plural}/{name}/{subresource}")
    public Response readNamespacedSubresource(@PathParam("namespace") String namespace,
            @PathParam("plural") String plural, @PathParam("name") String name,
            @PathParam("subresource") String subresource, @BeanParam RequestQuery query) {
        return read(target(namespace, plural, name, subresource), query);
    }

    @PUT
    @Path("namespaces/{namespace}/{plural}/{name}/{subresource}")
    public Response updateNamespacedSubresource(@PathParam("namespace") String namespace,
            @PathParam("plural") String plural, @PathParam("name") String name,
            @PathParam("subresource") String subresource, @BeanParam RequestQuery query, byte[] body) {
        return update(target(namespace, plural, name, subresource), query, body);
    }

    @PATCH
    @Path("namespaces/{namespace}/{plural}/{name}/{subresource}")
    public Response patchNamespacedSubresource(@PathParam("namespace") String namespace,
            @PathParam("plural") String plural, @PathParam("name") String name,
            @PathParam("subresource") String subresource, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @BeanParam RequestQuery query, byte[] body) {
        return patch(target(namespace, plural, name, subresource), contentType, query, body);
    }

    @POST
    @Path("namespaces/{namespace}/{plural}/{name}/{subresource}")
    public Response createNamespacedSubresource(@PathParam("namespace") String namespace,
            @PathParam("plural") String plural, @PathParam("name") String name,
            @PathParam("subresource") String subresource, @BeanParam RequestQuery query, byte[] body) {
        return create(target(namespace, plural, name, subresource), query, body);
    }

    // ---- the older /watch/ form of ?watch=true

    @GET
    @Path("watch/{plural}")
    public Response watchAll(@PathParam("plural") String plural, @BeanParam RequestQuery query) {
        return watch(target(NO, plural, NO, NO), query);
    }

    @GET
    @Path("watch/namespaces/{namespace}/{plural}")
    public Response watchNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
            @BeanParam RequestQuery query) {
        return watch(target(namespace, plural, NO, NO), query);
    }

    // ---- the verbs

    private Target target(String namespace, String plural, String name, String subresource) {
        return Target.resolve(ResourceCatalog.builtIn(), group(), version(), namespace, plural, name, subresource);
    }

    private ObjectStore store() {
        return api.store();
    }

    private Response read(Target t, RequestQuery query) {
        if (t.name().isEmpty()) {
            return query.isWatch() ? watch(t, query)
                    : JsonResponses.ok(store().list(t.type(), t.namespace(), query.listOptions()).toJson());
        }
        if (!t.subresource().isEmpty() && !t.subresource().equals(Subresource.STATUS)) {
            throw ApiException.methodNotAllowed();
        }
        String resourceVersion = Optional.ofNullable(query.resourceVersion).orElse("");
        return JsonResponses.ok(store().get(t.type(), t.namespace(), t.name(), resourceVersion));
    }

    private Response create(Target t, RequestQuery query, byte[] body) {
        JsonObject object = Bodies.parseObject(body);
        if (t.name().isEmpty()) {
            return created(store().create(t.type(), t.namespace(), object, query.writeOptions()));
        }
        if (t.type().equals(ResourceCatalog.PODS) && t.subresource().equals(Subresource.BINDING)) {
            store().bind(t.namespace(), t.name(), object, query.writeOptions());
            return created(Status.success(Response.Status.CREATED.getStatusCode()).toJson());
        }
        throw ApiException.methodNotAllowed();
    }

    private Response update(Target t, RequestQuery query, byte[] body) {
        if (t.name().isEmpty()) {
            throw ApiException.methodNotAllowed();
        }
        JsonObject object = Bodies.parseObject(body);
        return JsonResponses.ok(
                store().update(t.type(), t.namespace(), t.name(), t.subresource(), object, query.writeOptions()));
    }

    private Response patch(Target t, String contentType, RequestQuery query, byte[] body) {
        if (t.name().isEmpty()) {
            throw ApiException.methodNotAllowed();
        }
        String media = contentType == null ? "" : contentType;
        PatchType type = PatchType.fromContentType(media)
                .orElseThrow(() -> ApiException.unsupportedMediaType(media, PatchType.contentTypes()));
        JsonValue patch = Bodies.parse(body);
        return JsonResponses.ok(
                store().patch(t.type(), t.namespace(), t.name(), t.subresource(), type, patch, query.writeOptions()));
    }

    private Response delete(Target t, RequestQuery query, byte[] body) {
        if (!t.subresource().isEmpty()) {
            throw ApiException.methodNotAllowed();
        }
        // the DeleteOptions body is optional
        DeleteOptions options = query.deleteOptions(
                body.length == 0 ? JsonValue.EMPTY_JSON_OBJECT : Bodies.parseObject(body));
        if (t.name().isEmpty()) {
            return JsonResponses.ok(
                    store().deleteCollection(t.type(), t.namespace(), query.listOptions(), options).toJson());
        }
        DeleteResult result = store().delete(t.type(), t.namespace(), t.name(), options);
        if (!result.deleted()) {
            return JsonResponses.ok(result.object()); // only marked: finalizers or a grace period hold it
        }
        Status gone = new Status(true, Response.Status.OK.getStatusCode(), Optional.empty(), "",
                Optional.of(StatusDetails.of(t.name(), t.type().group(), t.type().plural())));
        return JsonResponses.ok(gone.toJson());
    }

    /** One JSON watch event per line, each flushed as it comes, until the timeout or the watch ends. */
    private Response watch(Target t, RequestQuery query) {
        Duration timeout = query.watchTimeout();
        ObjectWatch watch = store().watch(t.type(), t.namespace(), query.watchOptions());
        StreamingOutput events = out -> {
            try (watch) {
                // the headers now, so that clients see the watch started before any event; JAX-RS sends
                // them only with the first byte of the body
                servletResponse.setStatus(Response.Status.OK.getStatusCode());
                servletResponse.setContentType(MediaType.APPLICATION_JSON);
                servletResponse.flushBuffer();
                watch.drain(timeout, new LineSink(out));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return Response.ok(events, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response created(JsonObject body) {
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private record LineSink(OutputStream out) implements ObjectWatch.Sink {

        @Override
        public void send(WatchEvent event) throws IOException {
            out.write(JsonSupport.toBytes(event.toJson()));
            out.write('\n');
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
