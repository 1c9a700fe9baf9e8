package io.k3j.server.api.resource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind of object the API serves, as discovery describes it, plus what storage needs to know.
 *
 * @param group the API group, empty for the core group
 * @param version the API version within the group
 * @param kind the kind, such as {@code ConfigMap}
 * @param plural the resource name in URLs and storage keys, such as {@code configmaps}
 * @param singular the singular name, such as {@code configmap}
 * @param namespaced whether objects live in a namespace
 * @param shortNames the short names kubectl accepts, such as {@code cm}
 * @param verbs the verbs of the resource, in the order discovery lists them
 * @param subresources the subresources, such as {@code status}
 * @param categories the categories, such as {@code all}
 * @param nameFormat the rule object names must follow
 * @param selectableFields the field selector labels beyond {@code metadata.name} and
 *     {@code metadata.namespace}, each mapped to the dotted path of the field it reads, or to
 *     several paths separated by {@code |}, of which the first non-empty one counts
 * @param createOnUpdate whether an update of a missing object creates it
 */
public record ResourceType(
        String group,
        String version,
        String kind,
        String plural,
        String singular,
        boolean namespaced,
        List<String> shortNames,
        List<String> verbs,
        List<Subresource> subresources,
        List<String> categories,
        NameFormat nameFormat,
        Map<String, String> selectableFields,
        boolean createOnUpdate) {

    /** The verbs of most resources. */
    public static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** The field selector labels every resource supports. */
    public static final List<String> METADATA_FIELDS = List.of("metadata.name", "metadata.namespace");

    /** The root of every storage key, as in Kubernetes. */
    public static final String REGISTRY = "/registry/";

    public ResourceType {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
        Objects.requireNonNull(singular, "singular");
        Objects.requireNonNull(nameFormat, "nameFormat");
        shortNames = List.copyOf(shortNames);
        verbs = List.copyOf(verbs);
        subresources = List.copyOf(subresources);
        categories = List.copyOf(categories);
        selectableFields = Map.copyOf(selectableFields);
    }

    /** {@code v1} for the core group, {@code group/version} otherwise, as in an object's apiVersion. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The kind of this type's lists, such as {@code ConfigMapList}. */
    public String listKind() {
        return kind + "List";
    }

    /** The resource qualified by its group, as Kubernetes names it in messages: {@code leases.coordination.k8s.io}. */
    public String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** The subresource with this name, if the type has it. */
    public Optional<Subresource> subresource(String name) {
        return subresources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public boolean hasSubresource(String name) {
        return subresource(name).isPresent();
    }

    /** Whether status is written only through the status subresource. */
    public boolean hasStatusSubresource() {
        return hasSubresource(Subresource.STATUS);
    }

    /** Whether a field selector may name this field. */
    public boolean selects(String field) {
        return METADATA_FIELDS.contains(field) || selectableFields.containsKey(field);
    }

    /**
     * The storage key of one object: {@code /registry/<plural>/<namespace>/<name>}, or
     * {@code /registry/<plural>/<name>} for cluster-scoped types.
     */
    public String key(String namespace, String name) {
        return namespaced ? prefix(namespace) + name : REGISTRY + plural + "/" + name;
    }

    /**
     * The key prefix of the objects in one namespace, or of all objects of the type when the
     * namespace is empty; always ends with {@code /} so that no namespace is a prefix of another.
     */
    public String prefix(String namespace) {
        return namespaced && !namespace.isEmpty()
                ? REGISTRY + plural + "/" + namespace + "/"
                : REGISTRY + plural + "/";
    }

    /** How object names of a type are checked. */
    public enum NameFormat {
        /** A lowercase RFC 1123 subdomain, at most 253 characters: most types. */
        DNS1123_SUBDOMAIN,
        /** A lowercase RFC 1123 label, at most 63 characters: namespaces. */
        DNS1123_LABEL
    }

    /**
     * A subresource, such as {@code pods/status}.
     *
     * @param name the name after the slash
     * @param kind the kind it takes and returns
     * @param verbs its verbs
     */
    public record Subresource(String name, String kind, List<String> verbs) {

        public static final String STATUS = "status";
        public static final String BINDING = "binding";
        public static final String FINALIZE = "finalize";
        public static final String LOG = "log";

        public Subresource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            verbs = List.copyOf(verbs);
        }
    }
}
