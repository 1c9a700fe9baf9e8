package io.k3j.server.api.strategy;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.validation.FieldError;
import io.k3j.server.api.validation.NameRules;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pods: Kubernetes's defaults for the fields kubelets and kubectl read, a Pending status on
 * create, the spec fields an update may change, and graceful deletion of pods bound to a node.
 */
final class PodStrategy implements ResourceStrategy {

    static final long DEFAULT_GRACE_PERIOD_SECONDS = 30;

    private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers");

    @Override
    public Optional<String> decodeProblem(JsonObject object) {
        JsonValue spec = object.get("spec");
        if (spec != null && spec != JsonValue.NULL && !(spec instanceof JsonObject)) {
            return Optional.of("spec: expected an object");
        }
        for (String list : CONTAINER_LISTS) {
            Optional<JsonValue> containers = JsonSupport.at(object, "spec", list).filter(v -> v != JsonValue.NULL);
            if (containers.isPresent() && !(containers.get() instanceof JsonArray array
                    && array.stream().allMatch(c -> c instanceof JsonObject))) {
                return Optional.of("spec." + list + ": expected an array of objects");
            }
        }
        return Optional.empty();
    }

    @Override
    public JsonObject prepareForCreate(JsonObject object) {
        JsonObject withDefaults = withDefaults(object);
        JsonObject status = JsonSupport.object().add("phase", "Pending").add("qosClass", qosClass(withDefaults)).build();
        return JsonSupport.with(withDefaults, status, "status");
    }

    @Override
    public JsonObject prepareForUpdate(JsonObject updated, JsonObject old, String subresource) {
        return withDefaults(updated);
    }

    @Override
    public List<FieldError> validate(JsonObject object) {
        List<FieldError> errors = new ArrayList<>();
        JsonArray containers = JsonSupport.arrayAt(object, "spec", "containers");
        if (containers.isEmpty()) {
            errors.add(FieldError.required("spec.containers", ""));
        }
        Set<String> names = new HashSet<>();
        for (String list : CONTAINER_LISTS) {
            JsonArray items = JsonSupport.arrayAt(object, "spec", list);
            for (int i = 0; i < items.size(); i++) {
                JsonObject container = items.getJsonObject(i);
                String field = "spec." + list + "[" + i + "]";
                String name = JsonSupport.stringAt(container, "name").orElse("");
                if (name.isEmpty()) {
                    errors.add(FieldError.required(field + ".name", ""));
                } else if (!names.add(name)) {
                    errors.add(new FieldError(FieldError.Type.DUPLICATE, field + ".name",
                            Optional.of(JsonSupport.string(name)), ""));
                } else {
                    NameRules.dns1123Label(name).forEach(m -> errors.add(FieldError.invalid(field + ".name", name, m)));
                }
                if (JsonSupport.stringAt(container, "image").orElse("").isEmpty()) {
                    errors.add(FieldError.required(field + ".image", ""));
                }
            }
        }
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(JsonObject updated, JsonObject old, String subresource) {
        List<FieldError> errors = new ArrayList<>(validate(updated));
        // the binding subresource sets spec.nodeName; status writes keep the old spec anyway
        if (subresource.isEmpty() && !mutableFieldsBlanked(updated).equals(mutableFieldsBlanked(old))) {
            errors.add(FieldError.forbidden("spec", "pod updates may not change fields other than "
                    + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                    + "`spec.tolerations` (only additions to existing tolerations),"
                    + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
        }
        return errors;
    }

    /**
     * Pods on a node get the grace period asked for, else their spec's, else 30 s; pods never
     * scheduled or already finished go at once, as there is no kubelet to wait for.
     */
    @Override
    public long gracePeriodSeconds(JsonObject pod, Optional<Long> requested) {
        String phase = JsonSupport.stringAt(pod, "status", "phase").orElse("");
        if (JsonSupport.stringAt(pod, "spec", "nodeName").orElse("").isEmpty()
                || phase.equals("Succeeded") || phase.equals("Failed")) {
            return 0;
        }
        long grace = requested.orElseGet(() -> JsonSupport.at(pod, "spec", "terminationGracePeriodSeconds")
                .filter(v -> v instanceof JsonNumber)
                .map(v -> ((JsonNumber) v).longValue())
                .orElse(DEFAULT_GRACE_PERIOD_SECONDS));
        // as Kubernetes: a negative period means "as short as possible", not "at once"
        return grace < 0 ? 1 : grace;
    }

    /** The spec without what an update may change, to compare old and new. */
    private static JsonObject mutableFieldsBlanked(JsonObject pod) {
        JsonObjectBuilder spec = JsonSupport.object(JsonSupport.objectAt(pod, "spec"))
                .remove("activeDeadlineSeconds")
                .remove("tolerations")
                .remove("terminationGracePeriodSeconds")
                .remove("schedulingGates");
        for (String list : CONTAINER_LISTS) {
            JsonArray containers = JsonSupport.arrayAt(pod, "spec", list);
            if (!containers.isEmpty()) {
                JsonArrayBuilder blanked = JsonSupport.array();
                containers.forEach(c -> blanked.add(JsonSupport.object(c.asJsonObject()).remove("image")));
                spec.add(list, blanked);
            }
        }
        return spec.build();
    }

    /** Kubernetes's defaults for the pod fields that kubelets and kubectl rely on. */
    private static JsonObject withDefaults(JsonObject pod) {
        if (!(pod.get("spec") instanceof JsonObject spec)) {
            return pod;
        }
        JsonObjectBuilder out = JsonSupport.object(spec);
        defaultTo(spec, out, "restartPolicy", JsonSupport.string("Always"));
        defaultTo(spec, out, "terminationGracePeriodSeconds", JsonSupport.number(DEFAULT_GRACE_PERIOD_SECONDS));
        defaultTo(spec, out, "dnsPolicy", JsonSupport.string("ClusterFirst"));
        defaultTo(spec, out, "schedulerName", JsonSupport.string("default-scheduler"));
        defaultTo(spec, out, "securityContext", JsonValue.EMPTY_JSON_OBJECT);
        defaultTo(spec, out, "enableServiceLinks", JsonValue.TRUE);
        for (String list : CONTAINER_LISTS) {
            if (spec.get(list) instanceof JsonArray containers) {
                JsonArrayBuilder defaulted = JsonSupport.array();
                containers.forEach(c -> defaulted.add(containerDefaults(c.asJsonObject())));
                out.add(list, defaulted);
            }
        }
        return JsonSupport.with(pod, out.build(), "spec");
    }

    private static JsonObject containerDefaults(JsonObject container) {
        JsonObjectBuilder out = JsonSupport.object(container);
        String image = JsonSupport.stringAt(container, "image").orElse("");
        defaultTo(container, out, "imagePullPolicy", JsonSupport.string(pullsAlways(image) ? "Always" : "IfNotPresent"));
        defaultTo(container, out, "terminationMessagePath", JsonSupport.string("/dev/termination-log"));
        defaultTo(container, out, "terminationMessagePolicy", JsonSupport.string("File"));
        defaultTo(container, out, "resources", JsonValue.EMPTY_JSON_OBJECT);
        if (container.get("ports") instanceof JsonArray ports) {
            JsonArrayBuilder defaulted = JsonSupport.array();
            for (JsonValue port : ports) {
                if (port instanceof JsonObject p && !p.containsKey("protocol")) {
                    defaulted.add(JsonSupport.object(p).add("protocol", "TCP"));
                } else {
                    defaulted.add(port);
                }
            }
            out.add("ports", defaulted);
        }
        return out.build();
    }

    /** Images without a tag, or tagged latest, are pulled every time, as Kubernetes defaults them. */
    static boolean pullsAlways(String image) {
        if (image.contains("@")) {
            return false;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.indexOf(':');
        return colon < 0 || lastSegment.substring(colon + 1).equals("latest");
    }

    private static void defaultTo(JsonObject object, JsonObjectBuilder out, String field, JsonValue value) {
        if (!object.containsKey(field) || object.get(field) == JsonValue.NULL) {
            out.add(field, value);
        }
    }

    /** Guaranteed when every container limits cpu and memory with equal requests; BestEffort with no resources at all. */
    static String qosClass(JsonObject pod) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : CONTAINER_LISTS) {
            for (JsonValue c : JsonSupport.arrayAt(pod, "spec", list)) {
                JsonObject requests = JsonSupport.objectAt(c.asJsonObject(), "resources", "requests");
                JsonObject limits = JsonSupport.objectAt(c.asJsonObject(), "resources", "limits");
                for (String resource : List.of("cpu", "memory")) {
                    any |= requests.containsKey(resource) || limits.containsKey(resource);
                    boolean limited = limits.containsKey(resource);
                    boolean requestMatches = !requests.containsKey(resource)
                            || requests.get(resource).equals(limits.get(resource));
                    guaranteed &= limited && requestMatches;
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
