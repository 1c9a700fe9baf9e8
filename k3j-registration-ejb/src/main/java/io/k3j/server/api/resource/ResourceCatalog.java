package io.k3j.server.api.resource;

import io.k3j.server.api.resource.ResourceType.NameFormat;
import io.k3j.server.api.resource.ResourceType.Subresource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The resource types the API serves, and their lookups by plural, kind and short name. */
public final class ResourceCatalog {

    private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

    public static final ResourceType NAMESPACES = new ResourceType("", "v1", "Namespace", "namespaces", "namespace",
            false, List.of("ns"), List.of("create", "delete", "get", "list", "patch", "update", "watch"),
            List.of(new Subresource(Subresource.FINALIZE, "Namespace", List.of("update")),
                    new Subresource(Subresource.STATUS, "Namespace", STATUS_VERBS)),
            List.of(), NameFormat.DNS1123_LABEL, Map.of("status.phase", "status.phase"), false);

    public static final ResourceType NODES = new ResourceType("", "v1", "Node", "nodes", "node",
            false, List.of("no"), ResourceType.ALL_VERBS,
            List.of(new Subresource(Subresource.STATUS, "Node", STATUS_VERBS)),
            List.of(), NameFormat.DNS1123_SUBDOMAIN, Map.of(), false);

    public static final ResourceType SECRETS = new ResourceType("", "v1", "Secret", "secrets", "secret",
            true, List.of(), ResourceType.ALL_VERBS, List.of(), List.of(), NameFormat.DNS1123_SUBDOMAIN,
            Map.of("type", "type"), false);

    public static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "ConfigMap", "configmaps", "configmap",
            true, List.of("cm"), ResourceType.ALL_VERBS, List.of(), List.of(), NameFormat.DNS1123_SUBDOMAIN,
            Map.of(), false);

    public static final ResourceType PODS = new ResourceType("", "v1", "Pod", "pods", "pod",
            true, List.of("po"), ResourceType.ALL_VERBS,
            List.of(new Subresource(Subresource.BINDING, "Binding", List.of("create")),
                    new Subresource(Subresource.LOG, "Pod", List.of("get")),
                    new Subresource(Subresource.STATUS, "Pod", STATUS_VERBS)),
            List.of("all"), NameFormat.DNS1123_SUBDOMAIN,
            Map.of("spec.nodeName", "spec.nodeName",
                    "spec.restartPolicy", "spec.restartPolicy",
                    "spec.schedulerName", "spec.schedulerName",
                    "spec.serviceAccountName", "spec.serviceAccountName",
                    "status.phase", "status.phase",
                    "status.podIP", "status.podIP",
                    "status.nominatedNodeName", "status.nominatedNodeName"),
            false);

    public static final ResourceType EVENTS = new ResourceType("", "v1", "Event", "events", "event",
            true, List.of("ev"), ResourceType.ALL_VERBS, List.of(), List.of(), NameFormat.DNS1123_SUBDOMAIN,
            Map.ofEntries(
                    Map.entry("involvedObject.kind", "involvedObject.kind"),
                    Map.entry("involvedObject.namespace", "involvedObject.namespace"),
                    Map.entry("involvedObject.name", "involvedObject.name"),
                    Map.entry("involvedObject.uid", "involvedObject.uid"),
                    Map.entry("involvedObject.apiVersion", "involvedObject.apiVersion"),
                    Map.entry("involvedObject.resourceVersion", "involvedObject.resourceVersion"),
                    Map.entry("involvedObject.fieldPath", "involvedObject.fieldPath"),
                    Map.entry("reason", "reason"),
                    Map.entry("reportingComponent", "reportingComponent"),
                    // as in Kubernetes: the source component, else the reporting controller
                    Map.entry("source", "source.component|reportingComponent"),
                    Map.entry("type", "type")),
            true);

    public static final ResourceType SERVICE_ACCOUNTS = new ResourceType("", "v1", "ServiceAccount", "serviceaccounts",
            "serviceaccount", true, List.of("sa"), ResourceType.ALL_VERBS, List.of(), List.of(),
            NameFormat.DNS1123_SUBDOMAIN, Map.of(), false);

    /**
     * Services; Kubernetes serves no deletecollection for them, k3j does, so that the namespace
     * controller can empty a namespace of them as of every other type. Names are also checked as
     * DNS-1035 labels by their strategy.
     */
    public static final ResourceType SERVICES = new ResourceType("", "v1", "Service", "services", "service",
            true, List.of("svc"), ResourceType.ALL_VERBS,
            List.of(new Subresource(Subresource.STATUS, "Service", STATUS_VERBS)),
            List.of("all"), NameFormat.DNS1123_LABEL,
            Map.of("spec.clusterIP", "spec.clusterIP", "spec.type", "spec.type"), false);

    public static final ResourceType ENDPOINTS = new ResourceType("", "v1", "Endpoints", "endpoints", "endpoints",
            true, List.of("ep"), ResourceType.ALL_VERBS, List.of(), List.of(), NameFormat.DNS1123_SUBDOMAIN, Map.of(),
            true);

    public static final ResourceType LEASES = new ResourceType("coordination.k8s.io", "v1", "Lease", "leases", "lease",
            true, List.of(), ResourceType.ALL_VERBS, List.of(), List.of(), NameFormat.DNS1123_SUBDOMAIN, Map.of(), true);

    private static final ResourceCatalog BUILT_IN = new ResourceCatalog(List.of(
            NAMESPACES, NODES, SECRETS, CONFIG_MAPS, PODS, EVENTS, SERVICE_ACCOUNTS, SERVICES, ENDPOINTS, LEASES));

    private final List<ResourceType> types;

    public ResourceCatalog(List<ResourceType> types) {
        this.types = List.copyOf(types);
        Set<String> seen = new LinkedHashSet<>();
        for (ResourceType type : this.types) {
            if (!seen.add(type.apiVersion() + " " + type.plural())) {
                throw new IllegalArgumentException("resource " + type.plural() + " is twice in " + type.apiVersion());
            }
        }
    }

    /** The types of issue 3: core/v1 and coordination.k8s.io/v1. */
    public static ResourceCatalog builtIn() {
        return BUILT_IN;
    }

    /** Every type, in a stable order. */
    public List<ResourceType> all() {
        return types;
    }

    /** The namespaced types, whose objects a namespace deletion removes. */
    public List<ResourceType> namespaced() {
        return types.stream().filter(ResourceType::namespaced).toList();
    }

    /** The types of one group version, as {@code /api/v1} or {@code /apis/<group>/<version>} lists them. */
    public List<ResourceType> groupVersion(String group, String version) {
        return types.stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    }

    /** The group versions served, each as an apiVersion ({@code v1}, {@code coordination.k8s.io/v1}). */
    public List<String> apiVersions() {
        return types.stream().map(ResourceType::apiVersion).distinct().toList();
    }

    /** The type a URL names: {@code /api/v1/configmaps} is group "", version v1, plural configmaps. */
    public Optional<ResourceType> byResource(String group, String version, String plural) {
        return types.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
                .findFirst();
    }

    /** The type an object names with its apiVersion and kind. */
    public Optional<ResourceType> byKind(String apiVersion, String kind) {
        return types.stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
    }

    public Optional<ResourceType> byShortName(String shortName) {
        return types.stream().filter(t -> t.shortNames().contains(shortName)).findFirst();
    }

    /**
     * Resolves a name as kubectl does: a plural, singular or short name, or a kind, in any case,
     * optionally qualified by a group ({@code leases.coordination.k8s.io}).
     */
    public Optional<ResourceType> resolve(String name) {
        Objects.requireNonNull(name, "name");
        String wanted = name.toLowerCase(Locale.ROOT);
        List<ResourceType> matches = new ArrayList<>();
        for (ResourceType type : types) {
            String qualifier = type.group().isEmpty() ? "" : "." + type.group();
            for (String candidate : names(type)) {
                if (wanted.equals(candidate) || (!qualifier.isEmpty() && wanted.equals(candidate + qualifier))) {
                    matches.add(type);
                    break;
                }
            }
        }
        // the core group wins, as kubectl prefers it
        return matches.stream().filter(t -> t.group().isEmpty()).findFirst().or(() -> matches.stream().findFirst());
    }

    private static List<String> names(ResourceType type) {
        List<String> names = new ArrayList<>(List.of(type.plural(), type.singular(), type.kind().toLowerCase(Locale.ROOT)));
        names.addAll(type.shortNames());
        return names;
    }
}
