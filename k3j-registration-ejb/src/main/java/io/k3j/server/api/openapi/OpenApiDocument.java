package io.k3j.server.api.openapi;

import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One OpenAPI document as served: its JSON, encoded once (as JSON, or as protobuf), and the
 * hash that names that content in the index's URLs and in the ETag, as Kubernetes computes it
 * (SHA-512 of the body, upper-case hex).
 */
public final class OpenApiDocument {

    private final String path;
    private final JsonObject json;
    private final byte[] body;
    private final String hash;

    /** A document served as JSON. */
    OpenApiDocument(String path, JsonObject json) {
        this(path, json, JsonSupport.toBytes(json));
    }

    /** A document served in another encoding of its JSON, such as protobuf. */
    OpenApiDocument(String path, JsonObject json, byte[] body) {
        this.path = Objects.requireNonNull(path, "path");
        this.json = Objects.requireNonNull(json, "json");
        this.body = body.clone();
        this.hash = sha512(body);
    }

    /** The document's path in the index, such as {@code api/v1}. */
    public String path() {
        return path;
    }

    public JsonObject json() {
        return json;
    }

    /** The document as served. */
    public byte[] body() {
        return body.clone();
    }

    public String hash() {
        return hash;
    }

    private static String sha512(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-512", e);
        }
    }
}
