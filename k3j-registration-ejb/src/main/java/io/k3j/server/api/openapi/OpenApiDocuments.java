package io.k3j.server.api.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.openapi.ComponentSchemas.GroupVersionKind;
import io.k3j.server.api.patch.PatchSchema;
import io.k3j.server.api.patch.PatchSchemas;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.resource.ResourceType.Subresource;
import io.k3j.server.api.schema.KubeMessages;
import io.kubernetes.client.proto.Meta;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 documents of the API, as Kubernetes serves them under {@code /openapi/v3}: an
 * index naming one document per group version ({@code api/v1}, {@code apis/<group>/<version>}),
 * and each document, with the operations on that group version's resources and the schemas of
 * their kinds. kubectl needs them before it creates or applies from a file, and kubectl explain
 * reads its fields from them. Also the Swagger 2.0 document of {@code /openapi/v2}, for what
 * kubectl still reads from it. Built once; each document has a hash that names its content.
 */
public final class OpenApiDocuments {

    static final String DELETE_OPTIONS = ComponentSchemas.name(Meta.DeleteOptions.getDescriptor());
    static final String STATUS = ComponentSchemas.name(Meta.Status.getDescriptor());
    static final String WATCH_EVENT = ComponentSchemas.name(Meta.WatchEvent.getDescriptor());
    /** The body of a patch, of any of the patch types; no message describes it. */
    static final String PATCH = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    /** Where the documents are served, below the context root. */
    public static final String ROOT = "/openapi/v3";

    /** The Content-Type of the Swagger document in protobuf, which kubectl asks {@code /openapi/v2} for. */
    public static final String V2_PROTOBUF = SwaggerProtobuf.MEDIA_TYPE;

    private final Map<String, OpenApiDocument> documents = new LinkedHashMap<>();
    private final OpenApiDocument v2;
    private final OpenApiDocument v2Protobuf;

    /** The documents of the types a catalog serves. */
    public OpenApiDocuments(ResourceCatalog catalog) {
        ComponentSchemas definitions = new ComponentSchemas(ComponentSchemas.Dialect.V2);
        for (String apiVersion : catalog.apiVersions()) {
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
            String version = apiVersion.substring(slash + 1);
            List<ResourceType> types = catalog.groupVersion(group, version);
            String path = group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
            documents.put(path, new OpenApiDocument(path, document(group, version, types)));
            addKinds(definitions, group, version, types);
        }
        JsonObject swagger = JsonSupport.object()
                .add("swagger", "2.0")
                .add("info", info())
                .add("paths", JsonValue.EMPTY_JSON_OBJECT)
                .add("definitions", definitions.build())
                .build();
        v2 = new OpenApiDocument("v2", swagger);
        v2Protobuf = new OpenApiDocument("v2", swagger, SwaggerProtobuf.encode(swagger));
    }

    /** The documents of the built-in types, built at first use. */
    public static OpenApiDocuments builtIn() {
        return BuiltIn.DOCUMENTS;
    }

    /**
     * The index of the documents, as {@code GET /openapi/v3} answers:
     * {@code {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=..."}}}}.
     *
     * @param contextRoot the path the API is deployed at, empty for the root; clients take the
     *     URLs as they are, relative to the server alone
     */
    public JsonObject index(String contextRoot) {
        JsonObjectBuilder paths = JsonSupport.object();
        documents.values().forEach(document -> paths.add(document.path(), JsonSupport.object()
                .add("serverRelativeURL", contextRoot + ROOT + "/" + document.path() + "?hash=" + document.hash())));
        return JsonSupport.object().add("paths", paths).build();
    }

    /** The document of a group version, by its path in the index, such as {@code apis/coordination.k8s.io/v1}. */
    public Optional<OpenApiDocument> document(String path) {
        return Optional.ofNullable(documents.get(path));
    }

    /**
     * The Swagger 2.0 document of {@code /openapi/v2}: the definitions of every kind, which
     * kubectl validates a file of {@code kind: List} against before it sends the items (it asks
     * the server to validate each item of other files). Without paths: kubectl reads those from
     * the v3 documents.
     *
     * @param protobuf whether in the protobuf form kubectl asks for, rather than JSON
     */
    public OpenApiDocument v2(boolean protobuf) {
        return protobuf ? v2Protobuf : v2;
    }

    private static JsonObject document(String group, String version, List<ResourceType> types) {
        ComponentSchemas schemas = new ComponentSchemas(ComponentSchemas.Dialect.V3);
        ResourcePaths paths = new ResourcePaths(group, version);
        types.forEach(paths::add);
        addKinds(schemas, group, version, types);
        schemas.schema(PATCH, JsonSupport.object().add("type", "object")
                .add("description", "A patch: a JSON patch, a JSON merge patch or a strategic merge patch.").build());
        return JsonSupport.object()
                .add("openapi", "3.0.0")
                .add("info", info())
                .add("paths", paths.build())
                .add("components", JsonSupport.object().add("schemas", schemas.build()))
                .build();
    }

    private static JsonObject info() {
        return JsonSupport.object().add("title", "Kubernetes").add("version", "unversioned").build();
    }

    /** The kinds of a group version's types: each type's, its list's, its subresources', and meta/v1's. */
    private static void addKinds(ComponentSchemas schemas, String group, String version, List<ResourceType> types) {
        for (ResourceType type : types) {
            schemas.kind(message(type, type.kind()), PatchSchemas.forType(type), true, List.of(gvk(type, type.kind())));
            schemas.kind(message(type, type.listKind()), PatchSchema.NONE, true, List.of(gvk(type, type.listKind())));
            for (Subresource sub : type.subresources()) {
                if (!sub.kind().equals(type.kind())) {
                    schemas.kind(message(type, sub.kind()), PatchSchema.NONE, true, List.of(gvk(type, sub.kind())));
                }
            }
        }
        // the kinds of meta/v1 that every group version has, as Kubernetes tags them
        schemas.kind(Meta.DeleteOptions.getDescriptor(), PatchSchema.NONE, true, metaKind(group, version, "DeleteOptions"));
        schemas.kind(Meta.WatchEvent.getDescriptor(), PatchSchema.NONE, false, metaKind(group, version, "WatchEvent"));
        schemas.kind(Meta.Status.getDescriptor(), PatchSchema.NONE, true, List.of(new GroupVersionKind("", "v1", "Status")));
    }

    /** The schema name of a kind of a type's group version, such as {@code io.k8s.api.core.v1.PodList}. */
    static String schemaName(ResourceType type, String kind) {
        return ComponentSchemas.name(message(type, kind));
    }

    private static Descriptor message(ResourceType type, String kind) {
        return KubeMessages.of(type.apiVersion(), kind).orElseThrow(() -> new IllegalStateException(
                "no message for " + kind + " in " + type.apiVersion()));
    }

    private static GroupVersionKind gvk(ResourceType type, String kind) {
        return new GroupVersionKind(type.group(), type.version(), kind);
    }

    private static List<GroupVersionKind> metaKind(String group, String version, String kind) {
        GroupVersionKind core = new GroupVersionKind("", "v1", kind);
        return group.isEmpty() ? List.of(core) : List.of(core, new GroupVersionKind(group, version, kind));
    }

    private static final class BuiltIn {
        static final OpenApiDocuments DOCUMENTS = new OpenApiDocuments(ResourceCatalog.builtIn());
    }
}
