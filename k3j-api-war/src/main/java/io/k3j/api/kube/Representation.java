package io.k3j.api.kube;

import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.table.TableVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a read answers with, as its Accept header asks: the objects themselves, or a
 * {@code meta.k8s.io} Table of them ({@code application/json;as=Table;v=v1;g=meta.k8s.io}, which
 * kubectl get sends). Media ranges are tried by quality, then in order; one that asks for a
 * representation the server does not have is skipped, as Kubernetes skips it.
 *
 * @param table the Table version asked for; empty for the objects
 */
record Representation(Optional<TableVersion> table) {

    static final Representation OBJECTS = new Representation(Optional.empty());

    /** What the server can answer with, for the 406 message. */
    private static final List<String> ACCEPTED = List.of("application/json",
            "application/json;as=Table;v=v1;g=meta.k8s.io", "application/json;as=Table;v=v1beta1;g=meta.k8s.io");

    private record MediaRange(String type, Map<String, String> parameters, double quality) {
    }

    /**
     * Chooses from an Accept header; none or an empty one asks for the objects.
     *
     * @throws ApiException 406 when no media range names something the server can answer with
     */
    static Representation negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return OBJECTS;
        }
        List<MediaRange> ranges = new ArrayList<>();
        for (String clause : accept.split(",")) {
            parse(clause).filter(range -> range.quality() > 0).ifPresent(ranges::add);
        }
        ranges.sort(Comparator.comparingDouble(MediaRange::quality).reversed()); // stable: ties keep their order
        for (MediaRange range : ranges) {
            Optional<Representation> chosen = answer(range);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        throw ApiException.notAcceptable(ACCEPTED);
    }

    /** What the server answers a media range with, if it can. */
    private static Optional<Representation> answer(MediaRange range) {
        if (!List.of("application/json", "application/*", "*/*").contains(range.type())) {
            return Optional.empty();
        }
        String as = range.parameters().get("as");
        if (as == null) {
            return Optional.of(OBJECTS);
        }
        if (!as.equals("Table")) {
            return Optional.empty();
        }
        return TableVersion.of(range.parameters().get("g"), range.parameters().get("v"))
                .map(version -> new Representation(Optional.of(version)));
    }

    private static Optional<MediaRange> parse(String clause) {
        String[] parts = clause.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new TreeMap<>();
        double quality = 1;
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            String key = pair[0].strip();
            String value = pair.length == 2 ? unquote(pair[1].strip()) : "";
            if (key.equals("q")) {
                try {
                    quality = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return Optional.empty(); // a range with a malformed quality counts as not given
                }
            } else {
                parameters.put(key, value);
            }
        }
        return Optional.of(new MediaRange(type, parameters, quality));
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
