package io.k3j.server.nodepassword;

import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import io.k3j.server.api.store.DeleteOptions;
import io.k3j.server.api.store.ListOptions;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.api.store.WriteOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The node passwords of the seed's rules: the first registration of a node name stores a salted
 * scrypt hash of its password as Secret {@code <node-name>.node-password.k3j} in {@code kube-system};
 * every later registration of that name must present the same password. The Secret's creation is
 * the one atomic step: of two agents racing to register a name, exactly one creates it, and the
 * other is then checked against it like any later registration.
 */
public final class NodePasswords {

    /** Where the password Secrets live. */
    public static final String NAMESPACE = "kube-system";

    /** The Secret type that marks node password Secrets, so that they can be listed by field selector. */
    public static final String SECRET_TYPE = "k3j.io/node-password";

    private static final String SUFFIX = ".node-password.k3j";
    private static final String HASH_KEY = "hash";

    private final ObjectStore store;
    private final NodePasswordHash cost;
    private final SecureRandom random = new SecureRandom();
    /** Each hash takes 32 MiB and a core for tens of milliseconds: at most a few run at once. */
    private final ScryptMemory memory;

    public NodePasswords(ObjectStore store, NodePasswordHash cost, int concurrentHashes) {
        this.store = store;
        this.cost = cost;
        this.memory = new ScryptMemory(concurrentHashes);
    }

    /** The name of the Secret that holds a node's password hash. */
    public static String secretName(String nodeName) {
        return nodeName + SUFFIX;
    }

    /** The node whose password a Secret of this name holds, if it is one. */
    public static Optional<String> nodeName(String secretName) {
        return secretName.endsWith(SUFFIX) && secretName.length() > SUFFIX.length()
                ? Optional.of(secretName.substring(0, secretName.length() - SUFFIX.length()))
                : Optional.empty();
    }

    /**
     * Checks a node's password against its stored hash, or stores the hash when the name has
     * none yet.
     *
     * @return whether this call stored the password (the name's first registration)
     * @throws NodePasswordMismatchException when the name is registered with another password
     */
    public boolean verifyOrStore(String nodeName, String password) {
        Optional<JsonObject> secret = store.find(ResourceCatalog.SECRETS, NAMESPACE, secretName(nodeName));
        if (secret.isPresent()) {
            verify(nodeName, password, secret.get());
            return false;
        }
        String hash = cost.hash(password, random, memory);
        try {
            store.create(ResourceCatalog.SECRETS, NAMESPACE, secretFor(nodeName, hash), WriteOptions.DEFAULT);
            return true;
        } catch (ApiException e) {
            if (e.reason() != Reason.ALREADY_EXISTS) {
                throw e;
            }
            // another registration of this name won the race: it is now a later registration
            verify(nodeName, password, store.find(ResourceCatalog.SECRETS, NAMESPACE, secretName(nodeName))
                    .orElseThrow(() -> new NodePasswordMismatchException(nodeName)));
            return false;
        }
    }

    /** The node password Secrets of the cluster. */
    public List<JsonObject> secrets() {
        return store.list(ResourceCatalog.SECRETS, NAMESPACE,
                ListOptions.all().withFieldSelector("type=" + SECRET_TYPE)).items();
    }

    /**
     * Deletes a node's password, so that its name can be registered again.
     *
     * @param uid the uid of the Secret to delete, so that a newer registration's Secret stays
     * @return false when there was no such Secret
     */
    public boolean delete(String nodeName, String uid) {
        try {
            store.delete(ResourceCatalog.SECRETS, NAMESPACE, secretName(nodeName),
                    DeleteOptions.defaults().withPreconditions(Optional.of(uid), Optional.empty()));
            return true;
        } catch (ApiException e) {
            if (e.reason() == Reason.NOT_FOUND || e.reason() == Reason.CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    private void verify(String nodeName, String password, JsonObject secret) {
        String encoded = storedHash(secret);
        if (!NodePasswordHash.matches(password, encoded, memory)) {
            throw new NodePasswordMismatchException(nodeName);
        }
    }

    private static String storedHash(JsonObject secret) {
        JsonObject data = secret.getJsonObject("data");
        if (data == null || !data.containsKey(HASH_KEY)) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(data.getString(HASH_KEY, "")), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    private static JsonObject secretFor(String nodeName, String hash) {
        return Json.createObjectBuilder()
                .add("apiVersion", "v1")
                .add("kind", "Secret")
                .add(ObjectMeta.METADATA, Json.createObjectBuilder()
                        .add("name", secretName(nodeName))
                        .add("namespace", NAMESPACE))
                .add("type", SECRET_TYPE)
                .add("immutable", true)
                .add("data", Json.createObjectBuilder().add(HASH_KEY,
                        Base64.getEncoder().encodeToString(hash.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
