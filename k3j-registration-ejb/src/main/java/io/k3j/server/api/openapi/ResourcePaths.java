package io.k3j.server.api.openapi;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.resource.ResourceType.Subresource;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code paths} of the operations on one group version's resources, each named and tagged
 * as Kubernetes names them ({@code listCoreV1NamespacedConfigMap}, {@code x-kubernetes-action},
 * {@code x-kubernetes-group-version-kind}), with the query parameters k3j honours. kubectl reads
 * two things from them: that the PATCH of a kind takes {@code fieldValidation} (then it leaves
 * validation to the server) and takes strategic merge patches (then it computes them from this
 * document).
 */
final class ResourcePaths {

    private static final String JSON = "application/json";
    private static final String WATCH_STREAM = "application/json;stream=watch";

    private static final JsonObject DRY_RUN = query("dryRun", "string",
            "When present, the write is checked and its result returned, but not stored. The only value is All.");
    private static final JsonObject FIELD_VALIDATION = query("fieldValidation", "string",
            "What to do about unknown or duplicate fields in the request: Ignore drops them, Warn (the default) "
                    + "drops them with a Warning header each, Strict fails the request.");
    private static final JsonObject GRACE_PERIOD = query("gracePeriodSeconds", "integer",
            "The seconds before the object is deleted; 0 deletes it at once.");
    private static final JsonObject PROPAGATION = query("propagationPolicy", "string",
            "Whether and how dependents are deleted: Orphan, Background or Foreground.");
    private static final List<JsonObject> LIST_QUERY = List.of(
            query("labelSelector", "string", "Selects the objects by their labels."),
            query("fieldSelector", "string", "Selects the objects by their fields."),
            query("limit", "integer", "The most objects to return; the rest follow with the continue token."),
            query("continue", "string", "The token of the next page of a list."),
            query("resourceVersion", "string", "The resource version the list or watch starts from."),
            query("resourceVersionMatch", "string", "How the resource version applies to a list: Exact or NotOlderThan."),
            query("timeoutSeconds", "integer", "How long a list or watch may run."));
    private static final List<JsonObject> WATCH_QUERY = List.of(
            query("watch", "boolean", "Watch for changes instead of listing."),
            query("allowWatchBookmarks", "boolean", "Asks for BOOKMARK events."));

    private final String base;
    private final String operationGroup;
    private final String tag;
    private final Map<String, JsonObjectBuilder> paths = new LinkedHashMap<>();

    /**
     * The paths of a group version.
     *
     * @param group the group, empty for the core group
     */
    ResourcePaths(String group, String version) {
        this.base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        String groupName = group.isEmpty() ? "core" : group.replaceFirst("\\.k8s\\.io$", "");
        this.operationGroup = Arrays.stream(groupName.split("\\.")).map(ResourcePaths::capitalize)
                .collect(Collectors.joining()) + capitalize(version);
        this.tag = groupName.replace('.', '_') + "_" + version;
    }

    /** Adds the operations on a type, its subresources and its watches, as far as its verbs go. */
    ResourcePaths add(ResourceType type) {
        String kind = type.kind();
        String scope = type.namespaced() ? "Namespaced" : "";
        String collection = base + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
        String item = collection + "/{name}";
        JsonObject gvk = gvk(type, kind);

        if (type.verbs().contains("list")) {
            operation(collection, "get", "list" + operationGroup + scope + kind, "list", gvk,
                    "list or watch objects of kind " + kind, query(LIST_QUERY, WATCH_QUERY), null,
                    responses("200", "OK", Map.of(JSON, listRef(type), WATCH_STREAM, listRef(type))));
            if (type.namespaced()) {
                operation(base + "/" + type.plural(), "get", "list" + operationGroup + kind + "ForAllNamespaces", "list",
                        gvk, "list or watch objects of kind " + kind, query(LIST_QUERY, WATCH_QUERY), null,
                        responses("200", "OK", Map.of(JSON, listRef(type), WATCH_STREAM, listRef(type))));
            }
        }
        if (type.verbs().contains("create")) {
            operation(collection, "post", "create" + operationGroup + scope + kind, "post", gvk, "create a " + kind,
                    List.of(DRY_RUN, FIELD_VALIDATION), body(JSON, kindRef(type, kind)),
                    responses("200", "OK", Map.of(JSON, kindRef(type, kind)), "201", "Created",
                            Map.of(JSON, kindRef(type, kind))));
        }
        if (type.verbs().contains("deletecollection")) {
            operation(collection, "delete", "delete" + operationGroup + "Collection" + scope + kind, "deletecollection",
                    gvk, "delete collection of " + kind, query(LIST_QUERY, List.of(DRY_RUN, GRACE_PERIOD, PROPAGATION)),
                    body(JSON, ComponentSchemas.ref(OpenApiDocuments.DELETE_OPTIONS)),
                    responses("200", "OK", Map.of(JSON, ComponentSchemas.ref(OpenApiDocuments.STATUS))));
        }
        if (type.verbs().contains("get")) {
            operation(item, "get", "read" + operationGroup + scope + kind, "get", gvk,
                    "read the specified " + kind, List.of(), null, responses("200", "OK", Map.of(JSON, kindRef(type, kind))));
        }
        if (type.verbs().contains("update")) {
            put(item, "replace" + operationGroup + scope + kind, type, kind, gvk);
        }
        if (type.verbs().contains("patch")) {
            patch(item, "patch" + operationGroup + scope + kind, type, kind, gvk);
        }
        if (type.verbs().contains("delete")) {
            operation(item, "delete", "delete" + operationGroup + scope + kind, "delete", gvk, "delete a " + kind,
                    List.of(DRY_RUN, GRACE_PERIOD, PROPAGATION),
                    body(JSON, ComponentSchemas.ref(OpenApiDocuments.DELETE_OPTIONS)),
                    responses("200", "OK", Map.of(JSON, ComponentSchemas.ref(OpenApiDocuments.STATUS))));
        }
        if (type.verbs().contains("watch")) {
            String watches = base + "/watch" + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
            operation(watches, "get", "watch" + operationGroup + scope + kind + "List", "watchlist", gvk,
                    "watch individual changes to a list of " + kind, query(LIST_QUERY, WATCH_QUERY), null,
                    responses("200", "OK", Map.of(WATCH_STREAM, ComponentSchemas.ref(OpenApiDocuments.WATCH_EVENT))));
            if (type.namespaced()) {
                operation(base + "/watch/" + type.plural(), "get", "watch" + operationGroup + kind + "ListForAllNamespaces",
                        "watchlist", gvk, "watch individual changes to a list of " + kind, query(LIST_QUERY, WATCH_QUERY),
                        null, responses("200", "OK", Map.of(WATCH_STREAM, ComponentSchemas.ref(OpenApiDocuments.WATCH_EVENT))));
            }
        }
        for (Subresource sub : type.subresources()) {
            subresource(type, item + "/" + sub.name(), scope, sub);
        }
        return this;
    }

    private void subresource(ResourceType type, String path, String scope, Subresource sub) {
        String kind = type.kind();
        String name = operationGroup + scope + kind + capitalize(sub.name());
        JsonObject gvk = gvk(type, sub.kind());
        JsonObject subKind = kindRef(type, sub.kind());
        if (sub.verbs().contains("get")) {
            boolean log = sub.name().equals(Subresource.LOG);
            operation(path, "get", "read" + name, "get", gvk, "read " + sub.name() + " of the specified " + kind,
                    List.of(), null, responses("200", "OK", log
                            ? Map.of("text/plain", JsonSupport.object().add("type", "string").build())
                            : Map.of(JSON, subKind)));
        }
        if (sub.verbs().contains("update")) {
            put(path, "replace" + name, type, sub.kind(), gvk);
        }
        if (sub.verbs().contains("patch")) {
            patch(path, "patch" + name, type, sub.kind(), gvk);
        }
        if (sub.verbs().contains("create")) {
            operation(path, "post", "create" + name, "post", gvk, "create " + sub.name() + " of a " + kind,
                    List.of(DRY_RUN, FIELD_VALIDATION), body(JSON, subKind),
                    responses("200", "OK", Map.of(JSON, subKind), "201", "Created", Map.of(JSON, subKind)));
        }
    }

    private void put(String path, String operationId, ResourceType type, String kind, JsonObject gvk) {
        operation(path, "put", operationId, "put", gvk, "replace the specified " + kind,
                List.of(DRY_RUN, FIELD_VALIDATION), body(JSON, kindRef(type, kind)),
                responses("200", "OK", Map.of(JSON, kindRef(type, kind))));
    }

    private void patch(String path, String operationId, ResourceType type, String kind, JsonObject gvk) {
        Map<String, JsonObject> patchTypes = new LinkedHashMap<>();
        PatchType.contentTypes().forEach(contentType -> patchTypes.put(contentType, ComponentSchemas.ref(OpenApiDocuments.PATCH)));
        operation(path, "patch", operationId, "patch", gvk, "partially update the specified " + kind,
                List.of(DRY_RUN, FIELD_VALIDATION), body(patchTypes), responses("200", "OK", Map.of(JSON, kindRef(type, kind))));
    }

    /** The paths built, each with its path parameters. */
    JsonObject build() {
        JsonObjectBuilder out = JsonSupport.object();
        paths.forEach((path, item) -> {
            JsonArrayBuilder parameters = JsonSupport.array();
            if (path.contains("{namespace}")) {
                parameters.add(pathParameter("namespace", "The namespace of the objects."));
            }
            if (path.contains("{name}")) {
                parameters.add(pathParameter("name", "The name of the object."));
            }
            out.add(path, item.add("parameters", parameters));
        });
        return out.build();
    }

    private void operation(String path, String method, String operationId, String action, JsonObject gvk,
            String description, List<JsonObject> parameters, JsonObject requestBody, JsonObject responses) {
        JsonArrayBuilder params = JsonSupport.array();
        parameters.forEach(params::add);
        JsonObjectBuilder operation = JsonSupport.object()
                .add("description", description)
                .add("operationId", operationId)
                .add("parameters", params)
                .add("responses", responses)
                .add("tags", JsonSupport.array().add(tag))
                .add("x-kubernetes-action", action)
                .add("x-kubernetes-group-version-kind", gvk);
        if (requestBody != null) {
            operation.add("requestBody", requestBody);
        }
        paths.computeIfAbsent(path, p -> JsonSupport.object()).add(method, operation);
    }

    private static JsonObject gvk(ResourceType type, String kind) {
        return new ComponentSchemas.GroupVersionKind(type.group(), type.version(), kind).toJson();
    }

    private static JsonObject kindRef(ResourceType type, String kind) {
        return ComponentSchemas.ref(OpenApiDocuments.schemaName(type, kind));
    }

    private static JsonObject listRef(ResourceType type) {
        return kindRef(type, type.listKind());
    }

    private static JsonObject body(String contentType, JsonObject schema) {
        return body(Map.of(contentType, schema));
    }

    private static JsonObject body(Map<String, JsonObject> schemas) {
        return JsonSupport.object().add("content", content(schemas)).add("required", true).build();
    }

    private static JsonObject responses(String code, String description, Map<String, JsonObject> schemas) {
        return JsonSupport.object().add(code, response(description, schemas)).build();
    }

    private static JsonObject responses(String code, String description, Map<String, JsonObject> schemas,
            String otherCode, String otherDescription, Map<String, JsonObject> otherSchemas) {
        return JsonSupport.object().add(code, response(description, schemas))
                .add(otherCode, response(otherDescription, otherSchemas)).build();
    }

    private static JsonObject response(String description, Map<String, JsonObject> schemas) {
        return JsonSupport.object().add("content", content(schemas)).add("description", description).build();
    }

    private static JsonObject content(Map<String, JsonObject> schemas) {
        JsonObjectBuilder content = JsonSupport.object();
        schemas.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> content.add(e.getKey(), JsonSupport.object().add("schema", e.getValue())));
        return content.build();
    }

    private static JsonObject query(String name, String type, String description) {
        return JsonSupport.object().add("description", description).add("in", "query").add("name", name)
                .add("schema", JsonSupport.object().add("type", type).add("uniqueItems", true)).build();
    }

    @SafeVarargs
    private static List<JsonObject> query(List<JsonObject>... groups) {
        return Arrays.stream(groups).flatMap(List::stream).toList();
    }

    private static JsonObject pathParameter(String name, String description) {
        return JsonSupport.object().add("description", description).add("in", "path").add("name", name)
                .add("required", true).add("schema", JsonSupport.object().add("type", "string").add("uniqueItems", true))
                .build();
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
