package io.k3j.server.api.store;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.status.ApiException;
import io.k3j.spi.datastore.KeyValue;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

/**
 * Objects as the log stores them: JSON without resourceVersion, which is the revision of the
 * log entry and is set on every read, as Kubernetes does with etcd.
 */
public final class ObjectCodec {

    private ObjectCodec() {
    }

    static byte[] encode(JsonObject object) {
        JsonObject stored = ObjectMeta.without(ObjectMeta.without(object, "resourceVersion"), "selfLink");
        return JsonSupport.toBytes(stored);
    }

    /** The object of a log entry, with the entry's revision as resourceVersion. */
    public static JsonObject decode(KeyValue kv) {
        try {
            return withResourceVersion(JsonSupport.parse(kv.value()).asJsonObject(), kv.modRevision());
        } catch (JsonException | ClassCastException e) {
            throw ApiException.internal("the stored object " + kv.key() + " is not a JSON object", e);
        }
    }

    public static JsonObject withResourceVersion(JsonObject object, long revision) {
        return ObjectMeta.with(object, "resourceVersion", Long.toString(revision));
    }
}
