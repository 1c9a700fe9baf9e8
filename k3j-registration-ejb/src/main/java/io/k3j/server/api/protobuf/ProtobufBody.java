package io.k3j.server.api.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.schema.KubeMessages;
import io.k3j.server.api.status.ApiException;
import io.kubernetes.client.proto.Runtime.Unknown;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.util.Arrays;

/**
 * A request body in Kubernetes's protobuf encoding: the magic {@code k8s\0}, then a
 * runtime.Unknown whose typeMeta names the kind and whose raw holds the object's message. It
 * decodes into the JSON object the same body sent as JSON would be, so that everything after
 * (the kind check against the URL, validation, defaults, storage) is shared.
 */
public final class ProtobufBody {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    /**
     * The envelope's message, parsed as a dynamic message like the object inside: bodies are
     * untrusted, and the generated parsers of client-java-proto predate protobuf 22's hardening.
     */
    private static final Descriptor UNKNOWN = Unknown.getDescriptor();

    private ProtobufBody() {
    }

    /**
     * Decodes a body. The envelope's typeMeta picks the message; where it leaves apiVersion or
     * kind empty, the expected ones stand in, as in Kubernetes. The result carries the envelope's
     * apiVersion and kind, so that a body of another type than the URL's is refused as in JSON.
     *
     * @param apiVersion the apiVersion the URL expects, such as {@code v1}
     * @param kind the kind the URL expects, such as {@code ConfigMap} or {@code DeleteOptions}
     * @throws ApiException 400 when the body is not a protobuf envelope, is truncated, or names
     *     a kind the server has no message for
     */
    public static JsonObject decode(byte[] body, String apiVersion, String kind) {
        String version = version(apiVersion);
        if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw ApiException.cannotDecode(kind, version,
                    "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] (\"k8s\\x00\")");
        }
        if (body.length == MAGIC.length) {
            throw ApiException.cannotDecode(kind, version, "empty body");
        }
        DynamicMessage envelope;
        try {
            envelope = DynamicMessage.newBuilder(UNKNOWN)
                    .mergeFrom(body, MAGIC.length, body.length - MAGIC.length).build();
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.cannotDecode(kind, version, "malformed runtime.Unknown envelope: " + e.getMessage());
        }
        Message typeMeta = (Message) field(envelope, "typeMeta");
        String actualVersion = orElse((String) field(typeMeta, "apiVersion"), apiVersion);
        String actualKind = orElse((String) field(typeMeta, "kind"), kind);
        Descriptor message = KubeMessages.of(actualVersion, actualKind).orElseThrow(() -> ApiException.badRequest(
                "no kind \"" + actualKind + "\" is registered for version \"" + actualVersion + "\""));
        try {
            DynamicMessage object = DynamicMessage.parseFrom(message, (ByteString) field(envelope, "raw"));
            return MessageJson.addFields(object,
                    JsonSupport.object().add("kind", actualKind).add("apiVersion", actualVersion)).build();
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.cannotDecode(actualKind, version(actualVersion), e.getMessage());
        } catch (JsonException | NumberFormatException e) {
            throw ApiException.cannotDecode(actualKind, version(actualVersion),
                    "the message has no JSON form: " + e.getMessage());
        }
    }

    /** The version of an apiVersion, as Kubernetes's messages name it: {@code v1} of {@code coordination.k8s.io/v1}. */
    private static String version(String apiVersion) {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    /** A field's value, or its default when unset. */
    private static Object field(Message message, String name) {
        return message.getField(message.getDescriptorForType().findFieldByName(name));
    }

    private static String orElse(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
