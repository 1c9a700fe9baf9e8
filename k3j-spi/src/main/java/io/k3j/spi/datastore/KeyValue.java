package io.k3j.spi.datastore;

import java.util.Arrays;
import java.util.Objects;

/**
 * A key's value at one revision.
 *
 * @param key the key
 * @param value the value; callers must not change the array
 * @param createRevision the revision that created the key
 * @param modRevision the revision of the last change to the key
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {

    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyValue kv
                && key.equals(kv.key)
                && createRevision == kv.createRevision
                && modRevision == kv.modRevision
                && Arrays.equals(value, kv.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, createRevision, modRevision) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KeyValue[key=" + key + ", createRevision=" + createRevision + ", modRevision=" + modRevision
                + ", " + value.length + " bytes]";
    }
}
