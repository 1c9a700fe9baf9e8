package io.k3j.server.api.store;

import io.k3j.server.api.allocation.Allocator;
import io.k3j.server.api.allocation.Allocator.Allocation;
import io.k3j.server.api.allocation.Allocators;
import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.patch.PatchException;
import io.k3j.server.api.patch.PatchSchemas;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.api.patch.Patcher;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.resource.ResourceType.Subresource;
import io.k3j.server.api.schema.FieldValidator;
import io.k3j.server.api.selector.FieldSelector;
import io.k3j.server.api.selector.LabelSelector;
import io.k3j.server.api.selector.ObjectSelector;
import io.k3j.server.api.selector.SelectorException;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import io.k3j.server.api.strategy.ResourceStrategy;
import io.k3j.server.api.strategy.Strategies;
import io.k3j.server.api.validation.FieldError;
import io.k3j.server.api.validation.MetadataValidator;
import io.k3j.server.api.validation.NameRules;
import io.k3j.spi.datastore.CompactedException;
import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.DatastoreUnavailableException;
import io.k3j.spi.datastore.KeyExistsException;
import io.k3j.spi.datastore.KeyNotFoundException;
import io.k3j.spi.datastore.KeyValue;
import io.k3j.spi.datastore.Page;
import io.k3j.spi.datastore.RevisionConflictException;
import io.k3j.spi.datastore.RevisionLog;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The storage side of the Kubernetes API: objects of any {@link ResourceType} as JSON in the
 * revision log, with Kubernetes's semantics for server-managed metadata, optimistic concurrency,
 * subresources, finalizers, graceful deletion, selectors, paging and watches. What a type holds
 * besides its objects, such as a Service's cluster IP, its {@link Allocator} reserves before the
 * object is written and releases when the object no longer holds it.
 *
 * <p>Every method takes the namespace of the request URL: empty for cluster-scoped types, and
 * for list, watch and deletecollection of a namespaced type, empty for all namespaces. Every
 * failure is an {@link ApiException} carrying the Kubernetes Status to answer with. Safe for
 * use by many threads.
 */
public final class ObjectStore {

    /** The namespaces every cluster has from its first start. */
    public static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    /** Namespaces that may not be deleted, as Kubernetes's NamespaceLifecycle admission refuses. */
    private static final Set<String> IMMORTAL_NAMESPACES = Set.of("default", "kube-system", "kube-public");

    /** Kubernetes's alphabet for generated name suffixes: no vowels, so no words. */
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int SUFFIX_LENGTH = 5;
    private static final int MAX_GENERATED_PREFIX = 63 - SUFFIX_LENGTH;
    private static final int GENERATE_NAME_ATTEMPTS = 8;
    private static final int UPDATE_ATTEMPTS = 16;
    private static final int LIST_CHUNK = 500;
    private static final Set<String> NOT_CONTENT = Set.of("apiVersion", "kind", "metadata", "status");

    private final RevisionLog log;
    private final Clock clock;
    private final IntUnaryOperator random;
    private final Allocators allocators;

    public ObjectStore(RevisionLog log) {
        this(log, Clock.systemUTC());
    }

    public ObjectStore(RevisionLog log, Clock clock) {
        this(log, clock, bound -> ThreadLocalRandom.current().nextInt(bound));
    }

    /** With a source of random indexes, so tests can force generated-name collisions. */
    ObjectStore(RevisionLog log, Clock clock, IntUnaryOperator random) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.allocators = new Allocators(log, clock);
    }

    // ---- create

    /**
     * Creates an object: fills uid, creationTimestamp and generation, a generated name when the
     * body asks for one, and checks it.
     *
     * @return the stored object, with its resourceVersion (none on a dry run)
     */
    public JsonObject create(ResourceType type, String namespace, JsonObject body, WriteOptions options) {
        requireVerb(type, "create");
        requireScope(type, namespace, true);
        return translated(() -> createChecked(type, namespace, body, options));
    }

    private JsonObject createChecked(ResourceType type, String namespace, JsonObject body, WriteOptions options) {
        JsonObject object = typeMeta(type, body);
        requireDecodable(type, object);
        object = placeInNamespace(type, namespace, object);
        if (!ObjectMeta.resourceVersion(object).isEmpty()) {
            throw ApiException.badRequest("resourceVersion should not be set on objects to be created");
        }
        ResourceStrategy strategy = Strategies.forType(type);
        JsonObject metadata = JsonSupport.object(ObjectMeta.of(object))
                .add("uid", UUID.randomUUID().toString())
                .add("creationTimestamp", timestamp(now()))
                .add("generation", 1)
                .remove("deletionTimestamp")
                .remove("deletionGracePeriodSeconds")
                .remove("resourceVersion")
                .remove("selfLink")
                .build();
        object = strategy.prepareForCreate(JsonSupport.with(object, metadata, ObjectMeta.METADATA));
        String generateName = ObjectMeta.string(object, "generateName");
        boolean generated = ObjectMeta.name(object).isEmpty() && !generateName.isEmpty();
        if (generated) {
            object = ObjectMeta.with(object, "name", generatedName(generateName));
        }
        List<FieldError> errors = new ArrayList<>(MetadataValidator.validate(object, type));
        errors.addAll(strategy.validate(object));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(type, ObjectMeta.name(object), errors);
        }
        if (type.namespaced()) {
            requireActiveNamespace(type, namespace, ObjectMeta.name(object));
        }
        Allocator allocator = allocators.forType(type);
        if (options.dryRun()) {
            return allocator.allocate(object, Optional.empty(), true).object();
        }
        for (int attempt = 1; ; attempt++) {
            String name = ObjectMeta.name(object);
            // reserved for this name, so again for each generated one
            Allocation allocation = allocator.allocate(object, Optional.empty(), false);
            try {
                return ObjectCodec.decode(log.create(type.key(namespace, name), ObjectCodec.encode(allocation.object())));
            } catch (KeyExistsException e) {
                allocation.undo().run();
                if (!generated) {
                    throw ApiException.alreadyExists(type, name);
                }
                if (attempt == GENERATE_NAME_ATTEMPTS) {
                    throw ApiException.nameNotGenerated(type, name);
                }
                object = ObjectMeta.with(object, "name", generatedName(generateName));
            } catch (RuntimeException e) {
                allocation.undo().run();
                throw e;
            }
        }
    }

    private String generatedName(String prefix) {
        StringBuilder name = new StringBuilder(prefix.length() > MAX_GENERATED_PREFIX
                ? prefix.substring(0, MAX_GENERATED_PREFIX) : prefix);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(SUFFIX_ALPHABET.charAt(random.applyAsInt(SUFFIX_ALPHABET.length())));
        }
        return name.toString();
    }

    private void requireActiveNamespace(ResourceType type, String namespace, String name) {
        JsonObject ns = log.get(ResourceCatalog.NAMESPACES.key("", namespace))
                .map(ObjectCodec::decode)
                .orElseThrow(() -> ApiException.notFound(ResourceCatalog.NAMESPACES, namespace));
        if (ObjectMeta.deletionTimestamp(ns).isPresent()
                || JsonSupport.stringAt(ns, "status", "phase").orElse("").equals("Terminating")) {
            throw ApiException.namespaceTerminating(type, name, namespace);
        }
    }

    // ---- read

    /**
     * Reads one object.
     *
     * @param resourceVersion empty or "0" for the newest; a revision asks for a state at least
     *     that new, which the newest is
     */
    public JsonObject get(ResourceType type, String namespace, String name, String resourceVersion) {
        requireVerb(type, "get");
        requireScope(type, namespace, true);
        requireName(name);
        return translated(() -> {
            OptionalLong revision = ResourceVersions.parse(resourceVersion);
            if (revision.isPresent() && revision.getAsLong() > 0) {
                requireReached(revision.getAsLong());
            }
            return read(type, namespace, name).map(ObjectCodec::decode)
                    .orElseThrow(() -> ApiException.notFound(type, name));
        });
    }

    /** Reads one object's newest state, if it exists; for services that look objects up. */
    public Optional<JsonObject> find(ResourceType type, String namespace, String name) {
        requireScope(type, namespace, true);
        requireName(name);
        return translated(() -> read(type, namespace, name).map(ObjectCodec::decode));
    }

    /**
     * Lists objects, a page at a time when a limit is given. Every page of one list reads the
     * snapshot of its first page, whatever was written since, as the continue token carries the
     * revision.
     */
    public ObjectList list(ResourceType type, String namespace, ListOptions options) {
        requireVerb(type, "list");
        requireScope(type, namespace, false);
        ObjectSelector selector = selector(type, options.labelSelector(), options.fieldSelector());
        return translated(() -> listChecked(type, namespace, options, selector));
    }

    private ObjectList listChecked(ResourceType type, String namespace, ListOptions options, ObjectSelector selector) {
        String prefix = type.prefix(namespace);
        long revision = RevisionLog.LATEST;
        String after = null;
        if (!options.continueToken().isEmpty()) {
            ContinueToken token = ContinueToken.decode(options.continueToken());
            revision = token.revision();
            after = prefix + token.lastKey();
        } else {
            OptionalLong requested = ResourceVersions.parse(options.resourceVersion());
            if (requested.isPresent() && requested.getAsLong() > 0) {
                requireReached(requested.getAsLong());
                boolean exact = options.resourceVersionMatch().equals(ListOptions.EXACT)
                        || (options.resourceVersionMatch().isEmpty() && options.limit() > 0);
                if (exact) {
                    revision = requested.getAsLong();
                }
            }
        }
        List<JsonObject> items = new ArrayList<>();
        String lastKey = null;
        boolean more = false;
        try {
            while (true) {
                int chunk = options.limit() > 0 && selector.isEverything() ? options.limit() - items.size() : LIST_CHUNK;
                Page page = log.list(prefix, after, chunk, revision);
                revision = page.revision();
                List<KeyValue> keys = page.items();
                for (int i = 0; i < keys.size(); i++) {
                    JsonObject object = ObjectCodec.decode(keys.get(i));
                    if (selector.matches(object)) {
                        items.add(object);
                        if (options.limit() > 0 && items.size() == options.limit()) {
                            lastKey = keys.get(i).key();
                            more = i < keys.size() - 1 || page.more();
                            break;
                        }
                    }
                }
                if (lastKey != null || !page.more() || keys.isEmpty()) {
                    break;
                }
                after = keys.get(keys.size() - 1).key();
            }
        } catch (CompactedException e) {
            if (!options.continueToken().isEmpty()) {
                throw ApiException.expired("The provided continue parameter is too old to display a consistent list "
                        + "result. You can start a new list without the continue parameter.");
            }
            throw ApiException.tooOldResourceVersion(revision, log.compactRevision());
        }
        Optional<String> token = more
                ? Optional.of(new ContinueToken(revision, lastKey.substring(prefix.length())).encode())
                : Optional.empty();
        return new ObjectList(type, items, Long.toString(revision), token);
    }

    // ---- update and patch

    /**
     * Replaces an object (PUT). A resourceVersion in the body must be the current one (409
     * otherwise); without one the update is unconditional. The main resource keeps the status of
     * types with a status subresource; {@code status} changes only status; {@code finalize}
     * (namespaces) only spec.finalizers.
     *
     * @param subresource empty for the main resource, or a subresource of the type
     */
    public JsonObject update(ResourceType type, String namespace, String name, String subresource, JsonObject body,
            WriteOptions options) {
        requireWrite(type, subresource, "update");
        requireScope(type, namespace, true);
        requireName(name);
        return translated(() -> {
            JsonObject object = typeMeta(type, body);
            requireDecodable(type, object);
            String bodyName = ObjectMeta.name(object);
            if (!bodyName.equals(name)) {
                throw ApiException.badRequest("the name of the object (" + bodyName
                        + ") does not match the name on the URL (" + name + ")");
            }
            JsonObject placed = placeInNamespace(type, namespace, object);
            // "0" asks for no particular version, as in Kubernetes
            OptionalLong precondition = ResourceVersions.parse(ObjectMeta.resourceVersion(placed));
            if (precondition.isPresent() && precondition.getAsLong() == 0) {
                precondition = OptionalLong.empty();
            }
            if (type.createOnUpdate() && subresource.isEmpty() && read(type, namespace, name).isEmpty()) {
                if (precondition.isPresent()) {
                    throw ApiException.notFound(type, name);
                }
                return createChecked(type, namespace, ObjectMeta.without(placed, "resourceVersion"), options);
            }
            return guaranteedUpdate(type, namespace, name, subresource, precondition, options.dryRun(),
                    current -> compose(type, subresource, placed, current));
        });
    }

    /**
     * Patches an object: applies the patch to its newest state and updates it. A patch that
     * carries a resourceVersion is a precondition (409 when stale); one without is retried on
     * conflicts with concurrent writers. Fields the patched object has that its kind does not are
     * dropped, and reported as the options' fieldValidation says.
     *
     * @param subresource empty for the main resource, or {@code status}
     */
    public JsonObject patch(ResourceType type, String namespace, String name, String subresource, PatchType patchType,
            JsonValue patch, WriteOptions options) {
        requireWrite(type, subresource, "patch");
        requireScope(type, namespace, true);
        requireName(name);
        FieldValidator fields = FieldValidator.of(type);
        return translated(() -> guaranteedUpdate(type, namespace, name, subresource, OptionalLong.empty(),
                options.dryRun(), current -> {
                    JsonObject patched;
                    try {
                        patched = Patcher.apply(patchType, current, patch, PatchSchemas.forType(type));
                    } catch (PatchException e) {
                        throw ApiException.unprocessable(e.getMessage());
                    }
                    patched = fields.checkPatched(patched, current, name, patch, options.fieldValidation(),
                            options.warnings());
                    String version = ObjectMeta.resourceVersion(patched);
                    if (!version.isEmpty() && !version.equals(ObjectMeta.resourceVersion(current))) {
                        ResourceVersions.parse(version); // a malformed version is a 400, not a conflict
                        throw ApiException.modified(type, name);
                    }
                    return compose(type, subresource, patched, current);
                }));
    }

    /**
     * Assigns a pod to a node (the pods/binding subresource): sets spec.nodeName and the
     * PodScheduled condition, and copies the binding's annotations.
     *
     * @param binding a {@code Binding} object whose target names the node
     * @return the updated pod
     */
    public JsonObject bind(String namespace, String podName, JsonObject binding, WriteOptions options) {
        ResourceType pods = ResourceCatalog.PODS;
        requireScope(pods, namespace, true);
        requireName(podName);
        String bindingName = ObjectMeta.name(binding);
        if (!bindingName.isEmpty() && !bindingName.equals(podName)) {
            throw ApiException.badRequest("the name of the object (" + bindingName
                    + ") does not match the name on the URL (" + podName + ")");
        }
        String node = JsonSupport.stringAt(binding, "target", "name").orElse("");
        String kind = JsonSupport.stringAt(binding, "target", "kind").orElse("");
        if (node.isEmpty()) {
            throw ApiException.badRequest("target.name: Required value: a binding must name the node");
        }
        if (!kind.isEmpty() && !kind.equals("Node")) {
            throw ApiException.badRequest("target.kind: Unsupported value: \"" + kind + "\": supported values: \"Node\"");
        }
        String resource = "pods/binding";
        return translated(() -> guaranteedUpdate(pods, namespace, podName, Subresource.BINDING, OptionalLong.empty(),
                options.dryRun(), current -> {
                    if (ObjectMeta.deletionTimestamp(current).isPresent()) {
                        throw ApiException.conflict(resource, pods, podName,
                                "pod " + podName + " is being deleted, cannot be assigned to a host");
                    }
                    String assigned = JsonSupport.stringAt(current, "spec", "nodeName").orElse("");
                    if (!assigned.isEmpty()) {
                        throw ApiException.conflict(resource, pods, podName,
                                "pod " + podName + " is already assigned to node \"" + assigned + "\"");
                    }
                    JsonObject bound = JsonSupport.with(current, JsonSupport.string(node), "spec", "nodeName");
                    for (Map.Entry<String, String> a : ObjectMeta.annotations(binding).entrySet()) {
                        bound = JsonSupport.with(bound, JsonSupport.string(a.getValue()), ObjectMeta.METADATA,
                                "annotations", a.getKey());
                    }
                    return withCondition(bound, "PodScheduled", "True");
                }));
    }

    private JsonObject withCondition(JsonObject object, String conditionType, String status) {
        JsonObjectBuilder condition = JsonSupport.object()
                .add("type", conditionType)
                .add("status", status)
                .add("lastProbeTime", JsonValue.NULL)
                .add("lastTransitionTime", timestamp(now()));
        JsonArrayBuilder conditions = JsonSupport.array();
        for (JsonValue existing : JsonSupport.arrayAt(object, "status", "conditions")) {
            if (!(existing instanceof JsonObject c && conditionType.equals(c.getString("type", "")))) {
                conditions.add(existing);
            }
        }
        return JsonSupport.with(object, conditions.add(condition).build(), "status", "conditions");
    }

    /** What a write of {@code body} makes of {@code current}, by subresource. */
    private static JsonObject compose(ResourceType type, String subresource, JsonObject body, JsonObject current) {
        return switch (subresource) {
            case "" -> type.hasStatusSubresource() ? withFieldOf(body, current, "status") : body;
            case Subresource.STATUS -> withFieldOf(current, body, "status");
            case Subresource.FINALIZE -> JsonSupport.with(current,
                    JsonSupport.at(body, "spec", "finalizers").orElse(JsonValue.EMPTY_JSON_ARRAY), "spec", "finalizers");
            default -> throw ApiException.methodNotAllowed();
        };
    }

    /** {@code target} with {@code source}'s value of a top-level field, or without it when source has none. */
    private static JsonObject withFieldOf(JsonObject target, JsonObject source, String field) {
        return source.containsKey(field)
                ? JsonSupport.with(target, source.get(field), field)
                : JsonSupport.without(target, field);
    }

    /**
     * Reads, changes and writes an object until the write wins: a conflict with a concurrent
     * writer retries, unless the caller required a revision.
     */
    private JsonObject guaranteedUpdate(ResourceType type, String namespace, String name, String subresource,
            OptionalLong precondition, boolean dryRun, UnaryOperator<JsonObject> change) {
        String key = type.key(namespace, name);
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            KeyValue kv = log.get(key).orElseThrow(() -> ApiException.notFound(type, name));
            if (precondition.isPresent() && precondition.getAsLong() != kv.modRevision()) {
                throw ApiException.modified(type, name);
            }
            JsonObject current = ObjectCodec.decode(kv);
            JsonObject next = prepareUpdate(type, subresource, change.apply(current), current);
            if (next.equals(ObjectMeta.without(current, "resourceVersion"))) {
                return current; // no change: no write, no new revision, as in Kubernetes
            }
            Allocator allocator = allocators.forType(type);
            Allocation allocation = allocator.allocate(next, Optional.of(current), dryRun);
            if (dryRun) {
                return ObjectCodec.withResourceVersion(allocation.object(), kv.modRevision());
            }
            KeyValue written;
            try {
                written = log.update(key, ObjectCodec.encode(allocation.object()), kv.modRevision());
            } catch (RevisionConflictException e) {
                allocation.undo().run();
                if (precondition.isPresent()) {
                    throw ApiException.modified(type, name);
                }
                continue;
            } catch (KeyNotFoundException e) {
                allocation.undo().run();
                throw ApiException.notFound(type, name);
            } catch (RuntimeException e) {
                allocation.undo().run();
                throw e;
            }
            JsonObject stored = ObjectCodec.decode(written);
            allocator.release(current, Optional.of(stored));
            if (releasedFromDeletion(type, current, stored) && deleteQuietly(key, written.modRevision())) {
                allocator.release(stored, Optional.empty());
            }
            return stored;
        }
        throw ApiException.modified(type, name);
    }

    /** The server's part of every update: metadata it owns, the type's rules, validation, generation. */
    private JsonObject prepareUpdate(ResourceType type, String subresource, JsonObject desired, JsonObject current) {
        JsonObject object = typeMeta(type, desired);
        requireDecodable(type, object);
        String name = ObjectMeta.name(current);
        if (!ObjectMeta.name(object).equals(name)) {
            throw ApiException.badRequest("the name of the object (" + ObjectMeta.name(object)
                    + ") does not match the name on the URL (" + name + ")");
        }
        if (!ObjectMeta.namespace(object).equals(ObjectMeta.namespace(current))) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on "
                    + "the request");
        }
        String uid = ObjectMeta.uid(object);
        if (!uid.isEmpty() && !uid.equals(ObjectMeta.uid(current))) {
            throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: " + uid
                    + ", UID in object meta: " + ObjectMeta.uid(current));
        }
        JsonObjectBuilder metadata = JsonSupport.object(ObjectMeta.of(object)).remove("resourceVersion").remove("selfLink");
        for (String owned : List.of("uid", "creationTimestamp", "generation", "deletionTimestamp",
                "deletionGracePeriodSeconds")) {
            JsonValue value = ObjectMeta.of(current).get(owned);
            if (value == null) {
                metadata.remove(owned);
            } else {
                metadata.add(owned, value);
            }
        }
        object = JsonSupport.with(object, metadata.build(), ObjectMeta.METADATA);
        List<FieldError> errors = new ArrayList<>();
        if (ObjectMeta.deletionTimestamp(current).isPresent()) {
            Set<String> added = new HashSet<>(ObjectMeta.finalizers(object));
            ObjectMeta.finalizers(current).forEach(added::remove);
            if (!added.isEmpty()) {
                errors.add(FieldError.forbidden("metadata.finalizers",
                        "no new finalizers can be added if the object is being deleted, found new finalizers "
                                + added.stream().sorted().toList()));
            }
        }
        ResourceStrategy strategy = Strategies.forType(type);
        object = strategy.prepareForUpdate(object, current, subresource);
        errors.addAll(MetadataValidator.validate(object, type));
        errors.addAll(strategy.validateUpdate(object, current, subresource));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(type, name, errors);
        }
        if (!content(object).equals(content(current))) {
            object = ObjectMeta.with(object, "generation", JsonSupport.number(ObjectMeta.generation(current) + 1));
        }
        return object;
    }

    /** The fields besides type, metadata and status: the spec, or the data of types without one. */
    private static Map<String, JsonValue> content(JsonObject object) {
        Map<String, JsonValue> content = new HashMap<>(object);
        content.keySet().removeAll(NOT_CONTENT);
        return content;
    }

    /**
     * Whether an update released the last hold on an object being deleted: its finalizers are
     * gone and no grace period is pending, so it is deleted now, as Kubernetes does.
     */
    private static boolean releasedFromDeletion(ResourceType type, JsonObject old, JsonObject updated) {
        return ObjectMeta.deletionTimestamp(old).isPresent()
                && !ObjectMeta.finalizers(old).isEmpty()
                && ObjectMeta.finalizers(updated).isEmpty()
                && ObjectMeta.deletionGracePeriodSeconds(old).orElse(0L) == 0
                && !Strategies.forType(type).holdsDeletion(updated);
    }

    /** Deletes a key unless it changed; whether it did. */
    private boolean deleteQuietly(String key, long revision) {
        try {
            log.delete(key, revision);
            return true;
        } catch (RevisionConflictException | KeyNotFoundException e) {
            // another writer changed or removed it first; it decides what happens next
            return false;
        }
    }

    // ---- delete

    /**
     * Deletes an object. One with finalizers, or with a grace period (pods on a node), is only
     * marked: deletionTimestamp and deletionGracePeriodSeconds are set, and it goes when the
     * last finalizer is removed or a later delete ends the grace period. A namespace is marked
     * Terminating; the {@link NamespaceCleaner} empties and removes it.
     */
    public DeleteResult delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        requireVerb(type, "delete");
        requireScope(type, namespace, true);
        requireName(name);
        if (type.equals(ResourceCatalog.NAMESPACES) && IMMORTAL_NAMESPACES.contains(name)) {
            throw ApiException.forbidden(type, name, "this namespace may not be deleted");
        }
        return translated(() -> deleteChecked(type, namespace, name, options));
    }

    private DeleteResult deleteChecked(ResourceType type, String namespace, String name, DeleteOptions options) {
        String key = type.key(namespace, name);
        ResourceStrategy strategy = Strategies.forType(type);
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            KeyValue kv = log.get(key).orElseThrow(() -> ApiException.notFound(type, name));
            JsonObject current = ObjectCodec.decode(kv);
            checkPreconditions(type, name, current, options);
            long grace = strategy.gracePeriodSeconds(current, options.gracePeriodSeconds());
            boolean held = !ObjectMeta.finalizers(current).isEmpty() || strategy.holdsDeletion(current);
            try {
                if (!held && grace == 0) {
                    if (!options.dryRun()) {
                        log.delete(key, kv.modRevision());
                        allocators.forType(type).release(current, Optional.empty());
                    }
                    return new DeleteResult(current, true);
                }
                JsonObject marked = markedForDeletion(type, current, grace);
                if (marked.equals(current) || options.dryRun()) {
                    return new DeleteResult(marked, false);
                }
                return new DeleteResult(ObjectCodec.decode(log.update(key, ObjectCodec.encode(marked), kv.modRevision())),
                        false);
            } catch (RevisionConflictException e) {
                // changed meanwhile: check the preconditions and finalizers again
            } catch (KeyNotFoundException e) {
                throw ApiException.notFound(type, name);
            }
        }
        throw ApiException.modified(type, name);
    }

    private static void checkPreconditions(ResourceType type, String name, JsonObject current, DeleteOptions options) {
        String uid = ObjectMeta.uid(current);
        if (options.uid().isPresent() && !options.uid().get().equals(uid)) {
            throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: " + options.uid().get()
                    + ", UID in object meta: " + uid);
        }
        String version = ObjectMeta.resourceVersion(current);
        if (options.resourceVersion().isPresent() && !options.resourceVersion().get().equals(version)) {
            throw ApiException.conflict(type, name, "Precondition failed: ResourceVersion in precondition: "
                    + options.resourceVersion().get() + ", ResourceVersion in object meta: " + version);
        }
    }

    /**
     * The object marked as being deleted: deletionTimestamp is when its grace period ends. A
     * later delete may shorten the period, never lengthen it.
     */
    private JsonObject markedForDeletion(ResourceType type, JsonObject current, long grace) {
        Optional<Long> existing = ObjectMeta.deletionGracePeriodSeconds(current);
        boolean marked = ObjectMeta.deletionTimestamp(current).isPresent();
        if (marked && existing.isPresent() && existing.get() <= grace) {
            return current;
        }
        JsonObject object = ObjectMeta.with(current, "deletionTimestamp", timestamp(now().plusSeconds(grace)));
        object = ObjectMeta.with(object, "deletionGracePeriodSeconds", JsonSupport.number(grace));
        if (!marked) {
            object = ObjectMeta.with(object, "generation", JsonSupport.number(ObjectMeta.generation(current) + 1));
        }
        if (type.equals(ResourceCatalog.NAMESPACES)) {
            object = JsonSupport.with(object, JsonSupport.string("Terminating"), "status", "phase");
        }
        return object;
    }

    /**
     * Deletes every object a list selects, each as {@link #delete} would.
     *
     * @return the objects deleted or marked for deletion
     */
    public ObjectList deleteCollection(ResourceType type, String namespace, ListOptions listOptions,
            DeleteOptions deleteOptions) {
        requireVerb(type, "deletecollection");
        ObjectList selected = list(type, namespace, listOptions.withLimit(0).withContinue(""));
        List<JsonObject> deleted = new ArrayList<>();
        for (JsonObject object : selected.items()) {
            try {
                deleted.add(delete(type, ObjectMeta.namespace(object), ObjectMeta.name(object), deleteOptions).object());
            } catch (ApiException e) {
                if (e.reason() != Reason.NOT_FOUND) {
                    throw e;
                }
            }
        }
        return new ObjectList(type, deleted, selected.resourceVersion(), Optional.empty());
    }

    // ---- watch

    /**
     * Where a watch starts, checked as a list is. Without a resourceVersion (or with "0") the
     * watch starts with an ADDED event for every selected object, listed at one revision, and
     * streams the changes after it; with one, it streams the changes after that revision. The
     * {@link io.k3j.server.api.watch.WatchFanout} streams the changes.
     */
    public WatchStart startWatch(ResourceType type, String namespace, WatchOptions options) {
        requireVerb(type, "watch");
        requireScope(type, namespace, false);
        ObjectSelector selector = selector(type, options.labelSelector(), options.fieldSelector());
        String prefix = type.prefix(namespace);
        OptionalLong requested = ResourceVersions.parse(options.resourceVersion());
        if (requested.isPresent() && requested.getAsLong() > 0) {
            return new WatchStart(prefix, selector, List.of(), requested.getAsLong());
        }
        return translated(() -> {
            List<WatchEvent> initial = new ArrayList<>();
            long revision = RevisionLog.LATEST;
            String after = null;
            Page page;
            do {
                page = log.list(prefix, after, LIST_CHUNK, revision);
                revision = page.revision();
                for (KeyValue kv : page.items()) {
                    JsonObject object = ObjectCodec.decode(kv);
                    if (selector.matches(object)) {
                        initial.add(new WatchEvent(WatchEvent.Type.ADDED, object));
                    }
                    after = kv.key();
                }
            } while (page.more());
            return new WatchStart(prefix, selector, initial, revision);
        });
    }

    // ---- namespaces

    /** Creates default, kube-system, kube-public and kube-node-lease where missing; safe to call on every start. */
    public void ensureSystemNamespaces() {
        for (String name : SYSTEM_NAMESPACES) {
            if (find(ResourceCatalog.NAMESPACES, "", name).isEmpty()) {
                JsonObject namespace = JsonSupport.object()
                        .add(ObjectMeta.METADATA, JsonSupport.object().add("name", name))
                        .build();
                try {
                    create(ResourceCatalog.NAMESPACES, "", namespace, WriteOptions.DEFAULT);
                } catch (ApiException e) {
                    if (e.reason() != Reason.ALREADY_EXISTS) {
                        throw e; // another server created it first otherwise
                    }
                }
            }
        }
    }

    // ---- shared checks

    private Optional<KeyValue> read(ResourceType type, String namespace, String name) {
        return log.get(type.key(namespace, name));
    }

    private void requireReached(long revision) {
        long current = log.currentRevision();
        if (revision > current) {
            throw ApiException.tooLargeResourceVersion(revision, current);
        }
    }

    private static ObjectSelector selector(ResourceType type, LabelSelector labels, FieldSelector fields) {
        try {
            return new ObjectSelector(type, labels, fields);
        } catch (SelectorException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static void requireVerb(ResourceType type, String verb) {
        if (!type.verbs().contains(verb)) {
            throw ApiException.methodNotAllowed();
        }
    }

    private static void requireWrite(ResourceType type, String subresource, String verb) {
        Objects.requireNonNull(subresource, "subresource");
        if (subresource.isEmpty()) {
            requireVerb(type, verb);
            return;
        }
        Subresource sub = type.subresource(subresource).orElseThrow(ApiException::resourceNotFound);
        if (!sub.verbs().contains(verb)) {
            throw ApiException.methodNotAllowed();
        }
    }

    /**
     * Checks the URL's namespace against the type's scope.
     *
     * @param single whether the request names one object, which for a namespaced type needs a namespace
     */
    private static void requireScope(ResourceType type, String namespace, boolean single) {
        Objects.requireNonNull(namespace, "namespace");
        if (!type.namespaced() && !namespace.isEmpty()) {
            throw ApiException.badRequest(type.groupResource() + " are cluster-scoped: a request for them names no namespace");
        }
        if (type.namespaced() && single && namespace.isEmpty()) {
            throw ApiException.badRequest(type.groupResource() + " are namespaced: a request for one names its namespace");
        }
        if (!namespace.isEmpty()) {
            List<String> problems = new ArrayList<>(NameRules.pathSegmentName(namespace));
            if (problems.isEmpty()) {
                problems.addAll(NameRules.dns1123Label(namespace));
            }
            if (!problems.isEmpty()) {
                throw ApiException.badRequest("invalid namespace \"" + namespace + "\": " + String.join(", ", problems));
            }
        }
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw ApiException.badRequest("resource name may not be empty");
        }
        List<String> problems = new ArrayList<>(NameRules.pathSegmentName(name));
        if (name.length() > NameRules.DNS1123_SUBDOMAIN_MAX) {
            problems.add(NameRules.maxLength(NameRules.DNS1123_SUBDOMAIN_MAX)); // no type allows longer names
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid resource name \"" + name + "\": " + String.join(", ", problems));
        }
    }

    /** The body with the type's apiVersion and kind, first, as Kubernetes writes them; 400 when it names others. */
    private static JsonObject typeMeta(ResourceType type, JsonObject body) {
        for (String field : List.of("apiVersion", "kind")) {
            JsonValue value = body.get(field);
            if (value != null && value != JsonValue.NULL && !(value instanceof JsonString)) {
                throw ApiException.badRequest(field + " must be a string");
            }
        }
        String apiVersion = JsonSupport.stringAt(body, "apiVersion").orElse("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        String kind = JsonSupport.stringAt(body, "kind").orElse("");
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + type.kind() + ")");
        }
        JsonObjectBuilder object = JsonSupport.object().add("kind", type.kind()).add("apiVersion", type.apiVersion());
        body.forEach((field, value) -> {
            if (!field.equals("kind") && !field.equals("apiVersion")) {
                object.add(field, value);
            }
        });
        return object.build();
    }

    private static void requireDecodable(ResourceType type, JsonObject object) {
        Optional<String> problem = MetadataValidator.decodeProblem(object)
                .or(() -> Strategies.forType(type).decodeProblem(object));
        if (problem.isPresent()) {
            throw ApiException.cannotDecode(type, problem.get());
        }
    }

    /** The object in the URL's namespace (400 when it names another), or in none for cluster-scoped types. */
    private static JsonObject placeInNamespace(ResourceType type, String namespace, JsonObject object) {
        if (!type.namespaced()) {
            return ObjectMeta.without(object, "namespace");
        }
        String own = ObjectMeta.namespace(object);
        if (!own.isEmpty() && !own.equals(namespace)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on "
                    + "the request");
        }
        return ObjectMeta.with(object, "namespace", namespace);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** RFC 3339 in UTC with whole seconds, as Kubernetes writes timestamps. */
    private static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** Runs an operation, turning datastore failures into API errors (never a bare 500 for a client's mistake). */
    private static <T> T translated(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (DatastoreUnavailableException e) {
            throw ApiException.unavailable("the datastore is unavailable: " + e.getMessage(), e);
        } catch (CompactedException e) {
            throw ApiException.expired(e.getMessage());
        } catch (DatastoreException e) {
            throw ApiException.internal(e.getMessage(), e);
        }
    }
}
