package io.k3j.server.api.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.patch.PatchType;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.validation.FieldError;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the unknown and duplicate fields of what a write sends, as Kubernetes's strict JSON
 * decoding finds them, and drops the unknown ones, as its typed decoding does. The walk follows
 * the protobuf descriptors of the kind: nested messages, lists, maps, and the
 * {@linkplain WellKnownType special messages} as leaves.
 *
 * <p>Problems read as Kubernetes words them, with the path its decoder builds:
 * {@code unknown field "spec.containers[0].foo"}, {@code duplicate field "data.x"}; in the order
 * of the document, each once, at most {@value #MAX_PROBLEMS}.
 */
public final class FieldValidator {

    /** Kubernetes's decoder stops collecting there. */
    static final int MAX_PROBLEMS = 100;

    private static final Set<String> TYPE_META = Set.of("apiVersion", "kind");

    /** A JSON patch operation, whose value may be any JSON. */
    private static final Shape JSON_PATCH = new ListOf(new Fields(Map.of(
            "op", Leaf.LEAF, "path", Leaf.LEAF, "from", Leaf.LEAF, "value", Any.ANY)));

    private final ResourceType type;
    private final Descriptor message;

    private FieldValidator(ResourceType type, Descriptor message) {
        this.type = type;
        this.message = message;
    }

    /** The validator of a type's objects. */
    public static FieldValidator of(ResourceType type) {
        return of(type, type.kind());
    }

    /**
     * The validator of a body of some kind sent to a type's URLs, such as the {@code Binding} of
     * {@code pods/binding}.
     *
     * @throws IllegalArgumentException when the type's group version has no such kind
     */
    public static FieldValidator of(ResourceType type, String kind) {
        Descriptor message = KubeMessages.of(type.apiVersion(), kind).orElseThrow(() -> new IllegalArgumentException(
                "no message for " + kind + " in " + type.apiVersion()));
        return new FieldValidator(type, message);
    }

    /**
     * Decodes a JSON body meant to hold one object of this kind. A body of another shape, such
     * as an array, is decoded whole, for the caller to refuse.
     *
     * @throws JsonException when the body is not one JSON value
     */
    public Decoded decode(byte[] body) {
        return parse(body, new Message(message, true), "");
    }

    /** Checks an object of this kind already parsed: without its unknown fields, which are the problems. */
    public Decoded check(JsonObject object) {
        return decode(JsonSupport.toBytes(object));
    }

    /**
     * Parses a patch body, finding what Kubernetes's strict decoding finds in the patch itself:
     * duplicate fields anywhere, and for a JSON patch, operations with unknown fields ({@code json
     * patch unknown field "[0].valu"}). The fields a patch adds to the object are checked with
     * the patched object, by {@link #checkPatched}.
     *
     * @throws JsonException when the body is not one JSON value
     */
    public static Decoded decodePatch(PatchType patchType, byte[] body) {
        return patchType == PatchType.JSON ? parse(body, JSON_PATCH, "json patch ") : parse(body, Any.ANY, "");
    }

    /**
     * The object of a create or update body, its problems handled as the directive says: a strict
     * failure is worded as Kubernetes's decoder words it ({@code ConfigMap in version "v1" cannot
     * be handled as a ConfigMap: strict decoding error: unknown field "spec"}).
     *
     * @param body a body {@linkplain #decode decoded} by this validator, holding an object
     * @throws ApiException 400 for a strict failure
     */
    public JsonObject enforce(Decoded body, FieldValidation validation, Consumer<String> warnings) {
        validation.enforce(body.problems(),
                strict -> ApiException.cannotDecode(message.getName(), type.version(), strict), warnings);
        return body.value().asJsonObject();
    }

    /**
     * A patch body, its problems handled as the directive says; a strict failure is a 422 about
     * the patch, as in Kubernetes.
     *
     * @param patch a body {@linkplain #decodePatch decoded} as a patch
     * @param name the object patched
     * @throws ApiException 422 for a strict failure
     */
    public JsonValue enforcePatch(Decoded patch, String name, FieldValidation validation, Consumer<String> warnings) {
        validation.enforce(patch.problems(), strict -> invalidPatch(name, patch.value(), strict), warnings);
        return patch.value();
    }

    /**
     * Checks the result of a patch, as Kubernetes decodes it: without its unknown fields, the
     * problems handled as the directive says, a strict failure a 422 about the patch. Unknown
     * fields the object had before are not the patch's doing and are only dropped.
     *
     * @param current the object the patch was applied to
     * @throws ApiException 422 for a strict failure
     */
    public JsonObject checkPatched(JsonObject patched, JsonObject current, String name, JsonValue patch,
            FieldValidation validation, Consumer<String> warnings) {
        Decoded decoded = check(patched);
        List<String> problems = decoded.problems();
        if (!problems.isEmpty()) {
            List<String> before = check(current).problems();
            problems = problems.stream().filter(problem -> !before.contains(problem)).toList();
        }
        validation.enforce(problems, strict -> invalidPatch(name, patch, strict), warnings);
        return decoded.value().asJsonObject();
    }

    /** Kubernetes's answer to a patch that strict decoding refuses: the patch is an invalid value. */
    private ApiException invalidPatch(String name, JsonValue patch, String strictError) {
        return ApiException.invalid(type, name, List.of(FieldError.invalid("patch", JsonSupport.toText(patch), strictError)));
    }

    private static Decoded parse(byte[] body, Shape shape, String prefix) {
        try (JsonParser parser = JsonSupport.PROVIDER.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext()) {
                throw new JsonException("the body holds no JSON value");
            }
            Walk walk = new Walk(parser, prefix);
            JsonValue value = walk.value(parser.next(), shape, "");
            if (parser.hasNext()) {
                parser.next(); // fails on most trailing text
                throw new JsonException("the body holds more than one JSON value");
            }
            return new Decoded(value, List.copyOf(walk.problems));
        }
    }

    /**
     * A body as decoded.
     *
     * @param value the JSON, without the unknown fields of the kind
     * @param problems the unknown and duplicate fields, worded as Kubernetes words them
     */
    public record Decoded(JsonValue value, List<String> problems) {

        public Decoded {
            Objects.requireNonNull(value, "value");
            problems = List.copyOf(problems);
        }
    }

    /** One pass over a JSON document, rebuilding it without unknown fields and collecting the problems. */
    private static final class Walk {

        private final JsonParser parser;
        private final String prefix;
        private final Set<String> problems = new LinkedHashSet<>();

        Walk(JsonParser parser, String prefix) {
            this.parser = parser;
            this.prefix = prefix;
        }

        /** The value whose first event the parser just read. */
        JsonValue value(Event event, Shape shape, String path) {
            if (event == Event.START_OBJECT && shape.isObject()) {
                return object(shape, path);
            }
            if (event == Event.START_ARRAY && shape.elements().isPresent()) {
                return array(shape.elements().get(), path);
            }
            // scalars, special messages, and values of another shape than the field's, which
            // the type's own checks answer
            return parser.getValue();
        }

        private JsonObject object(Shape shape, String path) {
            Map<String, JsonValue> fields = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            while (parser.next() == Event.KEY_NAME) {
                String key = parser.getString();
                String keyPath = path.isEmpty() ? key : path + "." + key;
                Optional<Shape> field = shape.field(key);
                if (field.isEmpty()) {
                    problem("unknown", keyPath);
                    parser.next();
                    parser.getValue(); // skipped whole, as Go skips it
                    continue;
                }
                if (!seen.add(key)) {
                    problem("duplicate", keyPath);
                }
                fields.put(key, value(parser.next(), field.get(), keyPath)); // the last one wins
            }
            JsonObjectBuilder object = JsonSupport.object();
            fields.forEach(object::add);
            return object.build();
        }

        private JsonValue array(Shape elements, String path) {
            JsonArrayBuilder array = JsonSupport.array();
            int i = 0;
            for (Event event = parser.next(); event != Event.END_ARRAY; event = parser.next()) {
                array.add(value(event, elements, path + "[" + i++ + "]"));
            }
            return array.build();
        }

        private void problem(String what, String path) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(prefix + what + " field " + goQuote(path));
            }
        }
    }

    /** A string quoted as Go's strconv.Quote does, as Kubernetes's messages show paths. */
    static String goQuote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                case 0x07 -> quoted.append("\\a");
                case 0x0b -> quoted.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    // ---- the shapes a value may be expected to have

    /** What a JSON value is expected to be, as far as its fields go. */
    private sealed interface Shape permits Message, Fields, MapOf, ListOf, Any, Leaf {

        /** Whether a JSON object of this shape has fields to check. */
        default boolean isObject() {
            return false;
        }

        /** The shape of a field of an object of this shape; empty when the field is unknown. */
        default Optional<Shape> field(String name) {
            return Optional.empty();
        }

        /** The shape of the elements of an array of this shape; empty when no array is expected. */
        default Optional<Shape> elements() {
            return Optional.empty();
        }
    }

    /** An object of a protobuf message; the top-level object also has apiVersion and kind. */
    private record Message(Descriptor message, boolean top) implements Shape {

        @Override
        public boolean isObject() {
            return true;
        }

        @Override
        public Optional<Shape> field(String name) {
            if (top && TYPE_META.contains(name)) {
                return Optional.of(Leaf.LEAF);
            }
            return Optional.ofNullable(KubeMessages.jsonFields(message).get(name)).map(Message::shapeOf);
        }

        static Shape shapeOf(FieldDescriptor field) {
            if (field.isMapField()) {
                return new MapOf(elementShape(field.getMessageType().findFieldByName("value")));
            }
            return field.isRepeated() ? new ListOf(elementShape(field)) : elementShape(field);
        }

        private static Shape elementShape(FieldDescriptor field) {
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                    || WellKnownType.of(field.getMessageType()).isPresent()) {
                return Leaf.LEAF;
            }
            return new Message(field.getMessageType(), false);
        }
    }

    /** An object with a fixed set of fields. */
    private record Fields(Map<String, Shape> fields) implements Shape {

        @Override
        public boolean isObject() {
            return true;
        }

        @Override
        public Optional<Shape> field(String name) {
            return Optional.ofNullable(fields.get(name));
        }
    }

    /** An object of any keys, each value of one shape. */
    private record MapOf(Shape values) implements Shape {

        @Override
        public boolean isObject() {
            return true;
        }

        @Override
        public Optional<Shape> field(String name) {
            return Optional.of(values);
        }
    }

    private record ListOf(Shape element) implements Shape {

        @Override
        public Optional<Shape> elements() {
            return Optional.of(element);
        }
    }

    /** Any JSON, as Go decodes into an interface: no field is unknown, duplicates count everywhere. */
    private enum Any implements Shape {
        ANY;

        @Override
        public boolean isObject() {
            return true;
        }

        @Override
        public Optional<Shape> field(String name) {
            return Optional.of(ANY);
        }

        @Override
        public Optional<Shape> elements() {
            return Optional.of(ANY);
        }
    }

    /** A scalar, or a special message read whole (Kubernetes's decoder does not look inside). */
    private enum Leaf implements Shape {
        LEAF
    }
}
