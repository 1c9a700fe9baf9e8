package io.k3j.server.api.store;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.status.ApiException;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Where the next page of a list starts: the revision the first page was read at, so that every
 * page reads the same snapshot, and the last key returned, relative to the list's prefix so
 * that a token cannot reach outside it. Encoded as Kubernetes encodes it: base64url of
 * {@code {"v":"meta.k8s.io/v1","rv":N,"start":"..."}}.
 *
 * @param revision the snapshot revision
 * @param lastKey the key of the last object returned, relative to the list's prefix
 */
record ContinueToken(long revision, String lastKey) {

    private static final String VERSION = "meta.k8s.io/v1";

    ContinueToken {
        Objects.requireNonNull(lastKey, "lastKey");
    }

    String encode() {
        JsonObject json = JsonSupport.object().add("v", VERSION).add("rv", revision).add("start", lastKey).build();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JsonSupport.toBytes(json));
    }

    /**
     * Decodes a token.
     *
     * @throws ApiException 400 when the token is malformed
     */
    static ContinueToken decode(String token) {
        try {
            JsonObject json = JsonSupport.parse(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8))
                    .asJsonObject();
            if (!VERSION.equals(json.getString("v", "")) || !(json.get("rv") instanceof JsonNumber rv)
                    || !(json.get("start") instanceof JsonString start)) {
                throw invalid("it was not issued by this server");
            }
            if (rv.longValue() <= 0 || start.getString().isEmpty()) {
                throw invalid("its revision or start key is out of range");
            }
            return new ContinueToken(rv.longValue(), start.getString());
        } catch (IllegalArgumentException | ClassCastException | JsonException e) {
            throw invalid("it is not a base64url-encoded JSON object");
        }
    }

    private static ApiException invalid(String why) {
        return ApiException.badRequest("continue key is not valid: " + why);
    }
}
