package io.k3j.api.kube;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.resource.ResourceType.Subresource;
import io.k3j.server.api.status.ApiException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** The discovery documents, generated from the resource catalog. */
public record Discovery(ResourceCatalog catalog) {

    /** {@code GET /api}: the core group's versions, and where clients reach the server. */
    public JsonObject apiVersions(String serverAddress) {
        JsonArrayBuilder versions = JsonSupport.array();
        catalog.all().stream().filter(t -> t.group().isEmpty()).map(ResourceType::version).distinct()
                .forEach(versions::add);
        return JsonSupport.object()
                .add("kind", "APIVersions")
                .add("versions", versions)
                .add("serverAddressByClientCIDRs", JsonSupport.array().add(JsonSupport.object()
                        .add("clientCIDR", "0.0.0.0/0").add("serverAddress", serverAddress)))
                .build();
    }

    /** {@code GET /apis}: the named groups (the core group is only under /api). */
    public JsonObject groupList() {
        JsonArrayBuilder groups = JsonSupport.array();
        groups().forEach(group -> groups.add(groupJson(group)));
        return JsonSupport.object().add("kind", "APIGroupList").add("apiVersion", "v1").add("groups", groups).build();
    }

    /** {@code GET /apis/<group>}; 404 for a group the server does not have. */
    public JsonObject group(String name) {
        if (!groups().contains(name)) {
            throw ApiException.resourceNotFound();
        }
        return groupJson(name).add("kind", "APIGroup").add("apiVersion", "v1").build();
    }

    /** {@code GET /api/v1} or {@code /apis/<group>/<version>}; 404 for a group version the server does not have. */
    public JsonObject resourceList(String group, String version) {
        List<ResourceType> types = catalog.groupVersion(group, version);
        if (types.isEmpty()) {
            throw ApiException.resourceNotFound();
        }
        JsonArrayBuilder resources = JsonSupport.array();
        for (ResourceType type : types) {
            JsonObjectBuilder resource = JsonSupport.object()
                    .add("name", type.plural())
                    .add("singularName", type.singular())
                    .add("namespaced", type.namespaced())
                    .add("kind", type.kind())
                    .add("verbs", JsonSupport.PROVIDER.createArrayBuilder(type.verbs()));
            if (!type.shortNames().isEmpty()) {
                resource.add("shortNames", JsonSupport.PROVIDER.createArrayBuilder(type.shortNames()));
            }
            if (!type.categories().isEmpty()) {
                resource.add("categories", JsonSupport.PROVIDER.createArrayBuilder(type.categories()));
            }
            resources.add(resource);
            for (Subresource sub : type.subresources()) {
                resources.add(JsonSupport.object()
                        .add("name", type.plural() + "/" + sub.name())
                        .add("singularName", "")
                        .add("namespaced", type.namespaced())
                        .add("kind", sub.kind())
                        .add("verbs", JsonSupport.PROVIDER.createArrayBuilder(sub.verbs())));
            }
        }
        return JsonSupport.object()
                .add("kind", "APIResourceList")
                .add("apiVersion", "v1")
                .add("groupVersion", types.get(0).apiVersion())
                .add("resources", resources)
                .build();
    }

    private List<String> groups() {
        return catalog.all().stream().map(ResourceType::group).filter(g -> !g.isEmpty()).distinct().toList();
    }

    /** A group with its versions; the first one served is the preferred one. */
    private JsonObjectBuilder groupJson(String group) {
        List<String> versions = catalog.all().stream().filter(t -> t.group().equals(group)).map(ResourceType::version)
                .distinct().toList();
        JsonArrayBuilder list = JsonSupport.array();
        versions.forEach(v -> list.add(groupVersion(group, v)));
        return JsonSupport.object()
                .add("name", group)
                .add("versions", list)
                .add("preferredVersion", groupVersion(group, versions.get(0)));
    }

    private static JsonObjectBuilder groupVersion(String group, String version) {
        return JsonSupport.object().add("groupVersion", group + "/" + version).add("version", version);
    }
}
