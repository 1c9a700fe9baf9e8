package io.k3j.server.api.store;

import io.k3j.server.api.protobuf.ProtobufBody;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.schema.FieldValidator;
import io.k3j.server.api.status.ApiException;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The formats a body holding one object may come in, by its Content-Type: the one place that
 * picks the decoder. Whatever the format, the result is the JSON object the store works on.
 */
public enum BodyFormat {
    JSON("application/json"),
    /** Kubernetes's protobuf envelope, which kubectl's create subcommands send with no JSON fallback. */
    PROTOBUF(ProtobufBody.MEDIA_TYPE);

    private final String mediaType;

    BodyFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /**
     * The format a Content-Type header names, ignoring parameters such as charset; JSON when the
     * header is absent, as in Kubernetes.
     *
     * @throws ApiException 415 naming the accepted types for any other media type
     */
    public static BodyFormat of(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return JSON;
        }
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.mediaType.equals(media)).findFirst()
                .orElseThrow(() -> ApiException.unsupportedMediaType(contentType, mediaTypes()));
    }

    /** Every accepted Content-Type, for a 415's message. */
    private static List<String> mediaTypes() {
        return Arrays.stream(values()).map(format -> format.mediaType).toList();
    }

    /**
     * Decodes a body that must be one object.
     *
     * @param apiVersion the apiVersion the URL expects; a protobuf body may leave it out
     * @param kind the kind the URL expects, such as {@code Pod}, {@code Binding} or {@code DeleteOptions}
     * @throws ApiException 400 when the body is malformed
     */
    public JsonObject parseObject(byte[] body, String apiVersion, String kind) {
        return switch (this) {
            case JSON -> Bodies.parseObject(body);
            case PROTOBUF -> ProtobufBody.decode(body, apiVersion, kind);
        };
    }

    /**
     * Decodes the object of a create or update sent to a type's URL. A JSON body goes through
     * field validation: its unknown fields are dropped, and its unknown and duplicate fields
     * reported as the options' fieldValidation says; a protobuf body has neither, as in Kubernetes.
     *
     * @param kind the kind the URL expects: the type's, or its subresource's, such as {@code Binding}
     * @throws ApiException 400 when the body is malformed, or fails strict validation
     */
    public JsonObject decodeObject(byte[] body, ResourceType type, String kind, WriteOptions options) {
        return switch (this) {
            case JSON -> {
                FieldValidator fields = FieldValidator.of(type, kind);
                yield fields.enforce(Bodies.decodeObject(body, fields), options.fieldValidation(), options.warnings());
            }
            case PROTOBUF -> ProtobufBody.decode(body, type.apiVersion(), kind);
        };
    }
}
