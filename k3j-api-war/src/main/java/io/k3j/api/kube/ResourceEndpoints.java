package io.k3j.api.kube;

import io.k3j.api.auth.AuthenticationFilter;
import io.k3j.server.api.ApiService;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType.Subresource;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Status;
import io.k3j.server.api.status.StatusDetails;
import io.k3j.server.api.store.Bodies;
import io.k3j.server.api.store.BodyFormat;
import io.k3j.server.api.store.DeleteOptions;
import io.k3j.server.api.store.DeleteResult;
import io.k3j.server.api.store.ObjectList;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.api.store.WriteOptions;
import io.k3j.server.api.table.TableConverter;
import io.k3j.server.api.table.TableWatchEncoding;
import io.k3j.server.api.watch.WatchEncoding;
import io.k3j.server.auth.AuthenticationService;
import io.k3j.server.auth.Authorizer;
import io.k3j.server.auth.ResourceAccess;
import io.k3j.server.auth.UserInfo;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
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
import java.time.Clock;
import java.util.Optional;

/**
 * The verbs on the resources of one group version, under {@code /api/v1} or
 * {@code /apis/<group>/<version>}; thin over the {@link ObjectStore}.
 *
 * <p>The subclasses are application-scoped: creating a request-scoped resource and its injections
 * for every request cost a get a sixth of its time. So fields hold no request state; the
 * {@code @Context} ones are proxies to the current request.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class ResourceEndpoints {

    private static final String NO = "";

    @EJB
    private ApiService api;

    @EJB
    private AuthenticationService authentication;

    /** The bean's store, kept: asking the bean for it per request costs a container call. */
    private ObjectStore store;

    /** The authorizer, kept for the same reason. */
    private Authorizer authorizer;

    @Context
    private HttpServletRequest servletRequest;

    @Context
    private HttpHeaders headers;

    @PostConstruct
    void keepStore() {
        store = api.store();
        authorizer = authentication.authorizer();
    }

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

    // ---- the older /watch/ form of ?watch=true, and watches of one object

    @GET
    @Path("watch/{plural}")
    public Response watchAll(@PathParam("plural") String plural, @BeanParam RequestQuery query) {
        return watch(target(NO, plural, NO, NO), query, NO);
    }

    @GET
    @Path("watch/namespaces/{namespace}/{plural}")
    public Response watchNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
            @BeanParam RequestQuery query) {
        return watch(target(namespace, plural, NO, NO), query, NO);
    }

    @GET
    @Path("watch/{plural}/{name}")
    public Response watchOne(@PathParam("plural") String plural, @PathParam("name") String name,
            @BeanParam RequestQuery query) {
        return watch(target(NO, plural, NO, NO), query, name);
    }

    @GET
    @Path("watch/namespaces/{namespace}/{plural}/{name}")
    public Response watchOneNamespaced(@PathParam("namespace") String namespace, @PathParam("plural") String plural,
            @PathParam("name") String name, @BeanParam RequestQuery query) {
        return watch(target(namespace, plural, NO, NO), query, name);
    }

    // ---- the verbs

    private Target target(String namespace, String plural, String name, String subresource) {
        return Target.resolve(ResourceCatalog.builtIn(), group(), version(), namespace, plural, name, subresource);
    }

    private Response read(Target t, RequestQuery query) {
        Optional<TableConverter> table = tableConverter(t, query);
        if (t.name().isEmpty()) {
            if (query.isWatch()) {
                return watch(t, query, NO);
            }
            authorize(ResourceAccess.LIST, t, NO);
            ObjectList list = store.list(t.type(), t.namespace(), query.listOptions());
            return JsonResponses.ok(table.map(tables -> tables.list(list)).orElseGet(list::toJson));
        }
        if (!t.subresource().isEmpty() && !t.subresource().equals(Subresource.STATUS)) {
            throw ApiException.methodNotAllowed();
        }
        authorize(ResourceAccess.GET, t, t.name());
        String resourceVersion = Optional.ofNullable(query.resourceVersion()).orElse("");
        JsonObject object = store.get(t.type(), t.namespace(), t.name(), resourceVersion);
        return JsonResponses.ok(table.map(tables -> tables.object(object)).orElse(object));
    }

    /** The Table renderer when the Accept header asks for a Table (kubectl get does); empty for the objects. */
    private Optional<TableConverter> tableConverter(Target t, RequestQuery query) {
        return Representation.negotiate(headers.getHeaderString(HttpHeaders.ACCEPT)).table()
                .map(version -> TableConverter.of(t.type(), query.tableOptions(version), Clock.systemUTC()));
    }

    private Response create(Target t, RequestQuery query, byte[] body) {
        Warnings warnings = new Warnings();
        WriteOptions options = query.writeOptions(warnings);
        JsonObject object = object(t, body, options);
        authorize(ResourceAccess.CREATE, t, t.name().isEmpty() ? ObjectMeta.name(object) : t.name());
        if (t.name().isEmpty()) {
            return warnings.addTo(created(store.create(t.type(), t.namespace(), object, options)));
        }
        if (t.type().equals(ResourceCatalog.PODS) && t.subresource().equals(Subresource.BINDING)) {
            store.bind(t.namespace(), t.name(), object, options);
            return warnings.addTo(created(Status.success(Response.Status.CREATED.getStatusCode()).toJson()));
        }
        throw ApiException.methodNotAllowed();
    }

    private Response update(Target t, RequestQuery query, byte[] body) {
        if (t.name().isEmpty()) {
            throw ApiException.methodNotAllowed();
        }
        authorize(ResourceAccess.UPDATE, t, t.name());
        Warnings warnings = new Warnings();
        WriteOptions options = query.writeOptions(warnings);
        JsonObject object = object(t, body, options);
        return warnings.addTo(JsonResponses.ok(
                store.update(t.type(), t.namespace(), t.name(), t.subresource(), object, options)));
    }

    private Response patch(Target t, String contentType, RequestQuery query, byte[] body) {
        if (t.name().isEmpty()) {
            throw ApiException.methodNotAllowed();
        }
        authorize(ResourceAccess.PATCH, t, t.name());
        String media = contentType == null ? "" : contentType;
        PatchType type = PatchType.fromContentType(media)
                .orElseThrow(() -> ApiException.unsupportedMediaType(media, PatchType.contentTypes()));
        Warnings warnings = new Warnings();
        WriteOptions options = query.writeOptions(warnings);
        JsonValue patch = Bodies.decodePatch(body, type, t.type(), t.name(), options);
        return warnings.addTo(JsonResponses.ok(
                store.patch(t.type(), t.namespace(), t.name(), t.subresource(), type, patch, options)));
    }

    private Response delete(Target t, RequestQuery query, byte[] body) {
        if (!t.subresource().isEmpty()) {
            throw ApiException.methodNotAllowed();
        }
        authorize(t.name().isEmpty() ? ResourceAccess.DELETE_COLLECTION : ResourceAccess.DELETE, t, t.name());
        // the DeleteOptions body is optional
        DeleteOptions options = query.deleteOptions(body.length == 0 ? JsonValue.EMPTY_JSON_OBJECT
                : bodyFormat().parseObject(body, t.type().apiVersion(), "DeleteOptions"));
        if (t.name().isEmpty()) {
            return JsonResponses.ok(
                    store.deleteCollection(t.type(), t.namespace(), query.listOptions(), options).toJson());
        }
        DeleteResult result = store.delete(t.type(), t.namespace(), t.name(), options);
        if (!result.deleted()) {
            return JsonResponses.ok(result.object()); // only marked: finalizers or a grace period hold it
        }
        Status gone = new Status(true, Response.Status.OK.getStatusCode(), Optional.empty(), "",
                Optional.of(StatusDetails.of(t.name(), t.type().group(), t.type().plural())));
        return JsonResponses.ok(gone.toJson());
    }

    /** The object a create or update sends: of the subresource's kind (a Binding) or the type's. */
    private JsonObject object(Target t, byte[] body, WriteOptions options) {
        String kind = t.type().subresource(t.subresource()).map(Subresource::kind).orElse(t.type().kind());
        return bodyFormat().decodeObject(body, t.type(), kind, options);
    }

    private BodyFormat bodyFormat() {
        return BodyFormat.of(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    }

    /**
     * Streams a watch from the server's fan-out, one event per line, until its timeout or its
     * end, on the servlet's asynchronous response: no thread waits for it. Errors before it starts
     * (a bad selector, say) are answered as Status like any other.
     *
     * @param name the object a single-object watch names; empty for a collection
     * @return nothing to send: the servlet response was committed and streams on its own (not a
     *     JAX-RS suspended response, whose completion Jersey would then try to repeat)
     */
    private Response watch(Target t, RequestQuery query, String name) {
        authorize(ResourceAccess.WATCH, t, name);
        WatchResponse.start(servletRequest,
                api.watches().watch(t.type(), t.namespace(), query.watchOptions(name), watchEncoding(t, query)));
        return Response.noContent().build();
    }

    /** How a watch's events are written, as its request asks: JSON lines, or Tables for kubectl get -w. */
    private WatchEncoding watchEncoding(Target t, RequestQuery query) {
        return tableConverter(t, query).<WatchEncoding>map(TableWatchEncoding::new).orElse(WatchEncoding.JSON);
    }

    /** Refuses with 403 what the request's user may not do; the authentication filter put the user there. */
    private void authorize(String verb, Target t, String name) {
        authorizer.check((UserInfo) servletRequest.getAttribute(AuthenticationFilter.USER),
                new ResourceAccess(verb, t.type(), t.namespace(), name, t.subresource()));
    }

    private static Response created(JsonObject body) {
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
