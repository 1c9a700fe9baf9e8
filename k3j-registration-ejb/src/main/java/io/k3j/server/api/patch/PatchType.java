package io.k3j.server.api.patch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The patch formats the API accepts, by their Content-Type. */
public enum PatchType {
    /** RFC 6902: a list of operations. */
    JSON("application/json-patch+json"),
    /** RFC 7386: an object merged in, null removing a field, lists replaced. */
    MERGE("application/merge-patch+json"),
    /** Kubernetes's strategic merge: lists merged by key where the type says so, with $patch directives. */
    STRATEGIC("application/strategic-merge-patch+json");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The patch type of a Content-Type header, ignoring parameters such as charset. */
    public static Optional<PatchType> fromContentType(String header) {
        String media = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.contentType.equals(media)).findFirst();
    }

    /** Every accepted Content-Type, for a 415's message and for discovery. */
    public static List<String> contentTypes() {
        return Arrays.stream(values()).map(PatchType::contentType).toList();
    }
}
