package io.k3j.server.api.openapi;

import com.google.protobuf.CodedOutputStream;
import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A Swagger 2.0 document in the protobuf form kubectl asks {@code /openapi/v2} for: the
 * {@code openapi.v2.Document} message of gnostic's OpenAPIv2.proto, as far as the documents
 * k3j writes go (title and version, and definitions of objects, arrays, maps, references and
 * primitives with their vendor extensions). Field numbers are those of that file.
 */
final class SwaggerProtobuf {

    /**
     * The Content-Type of the answer, as Kubernetes sends it: kubectl asks for
     * {@code ...spec.v2@v1.0+protobuf}, which Go's media type parser cannot read back.
     */
    static final String MEDIA_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private SwaggerProtobuf() {
    }

    /** Encodes a Swagger document written as JSON: {@code swagger}, {@code info}, {@code definitions}. */
    static byte[] encode(JsonObject swagger) {
        return message(out -> {
            out.writeString(1, swagger.getString("swagger"));
            JsonObject info = swagger.getJsonObject("info");
            out.writeByteArray(2, message(i -> {
                i.writeString(1, info.getString("title"));
                i.writeString(2, info.getString("version"));
            }));
            out.writeByteArray(9, message(definitions -> namedSchemas(definitions, swagger.getJsonObject("definitions"))));
        });
    }

    /** The entries of a map of schemas: {@code NamedSchema {name = 1; value = 2}}, each as field 1. */
    private static void namedSchemas(CodedOutputStream out, JsonObject schemas) throws IOException {
        for (Map.Entry<String, JsonValue> entry : schemas.entrySet()) {
            out.writeByteArray(1, message(named -> {
                named.writeString(1, entry.getKey());
                named.writeByteArray(2, schema(entry.getValue().asJsonObject()));
            }));
        }
    }

    /** {@code openapi.v2.Schema}. */
    private static byte[] schema(JsonObject schema) {
        return message(out -> {
            for (Map.Entry<String, JsonValue> entry : schema.entrySet()) {
                JsonValue value = entry.getValue();
                switch (entry.getKey()) {
                    case "$ref" -> out.writeString(1, text(value));
                    case "format" -> out.writeString(2, text(value));
                    case "description" -> out.writeString(4, text(value));
                    case "required" -> {
                        for (JsonValue name : value.asJsonArray()) {
                            out.writeString(19, text(name));
                        }
                    }
                    // AdditionalPropertiesItem {schema = 1}
                    case "additionalProperties" -> out.writeByteArray(21,
                            message(item -> item.writeByteArray(1, schema(value.asJsonObject()))));
                    // TypeItem {repeated value = 1}
                    case "type" -> out.writeByteArray(22, message(item -> item.writeString(1, text(value))));
                    // ItemsItem {repeated schema = 1}
                    case "items" -> out.writeByteArray(23, message(item -> item.writeByteArray(1, schema(value.asJsonObject()))));
                    case "allOf" -> {
                        for (JsonValue part : value.asJsonArray()) {
                            out.writeByteArray(24, schema(part.asJsonObject()));
                        }
                    }
                    // Properties {repeated NamedSchema additional_properties = 1}
                    case "properties" -> out.writeByteArray(25, message(p -> namedSchemas(p, value.asJsonObject())));
                    default -> {
                        if (!entry.getKey().startsWith("x-")) {
                            throw new IllegalArgumentException("no protobuf form for the schema field " + entry.getKey());
                        }
                        // NamedAny {name = 1; Any value = 2}, Any {yaml = 2}: JSON is YAML
                        out.writeByteArray(31, message(named -> {
                            named.writeString(1, entry.getKey());
                            named.writeByteArray(2, message(any -> any.writeString(2, JsonSupport.toText(value))));
                        }));
                    }
                }
            }
        });
    }

    private static String text(JsonValue value) {
        return ((JsonString) value).getString();
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    /** The bytes of one message, written field by field; a nested message is a length-delimited field. */
    private static byte[] message(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }
}
