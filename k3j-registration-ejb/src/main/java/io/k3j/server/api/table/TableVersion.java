package io.k3j.server.api.table;

import java.util.Arrays;
import java.util.Optional;

/** The versions of the {@code meta.k8s.io} Table the server renders; kubectl asks for v1, then v1beta1. */
public enum TableVersion {
    V1("v1"),
    V1BETA1("v1beta1");

    public static final String GROUP = "meta.k8s.io";

    private final String version;

    TableVersion(String version) {
        this.version = version;
    }

    /** The version a media type's {@code g} and {@code v} parameters name, if served. */
    public static Optional<TableVersion> of(String group, String version) {
        return Arrays.stream(values()).filter(v -> GROUP.equals(group) && v.version.equals(version)).findFirst();
    }

    public String version() {
        return version;
    }

    /** The apiVersion of the Table, and of the PartialObjectMetadata in its rows. */
    public String apiVersion() {
        return GROUP + "/" + version;
    }
}
