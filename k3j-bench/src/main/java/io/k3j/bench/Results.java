package io.k3j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results file, in sections, one per benchmark: a run of some benchmarks ({@code --only})
 * replaces their sections and keeps the others' figures from the file as it was.
 */
final class Results {

    /** The preamble: the title and the machine. */
    static final String HEADER = "header";

    private static final Pattern MARKER = Pattern.compile("<!-- k3j-bench section (\\S+) .*-->");

    private final Map<String, List<String>> sections = new LinkedHashMap<>();

    /** A sink for one section's lines, which also go to stdout. */
    Consumer<String> section(String name) {
        List<String> lines = sections.computeIfAbsent(name, n -> new ArrayList<>());
        if (!name.equals(HEADER) && lines.isEmpty()) {
            lines.add("<!-- k3j-bench section " + name + " written " + ZonedDateTime.now().withNano(0) + " -->");
        }
        return line -> {
            System.out.println(line);
            lines.add(line);
        };
    }

    /**
     * Writes the file: the sections of this run, and those of the existing file that this run
     * did not measure, in the given order.
     */
    void write(Path file, List<String> order) throws IOException {
        Map<String, List<String>> merged = Files.exists(file) ? read(Files.readAllLines(file)) : new LinkedHashMap<>();
        merged.putAll(sections);
        List<String> lines = new ArrayList<>(merged.getOrDefault(HEADER, List.of()));
        for (String name : order) {
            lines.addAll(merged.getOrDefault(name, List.of()));
        }
        Files.write(file, lines);
    }

    private static Map<String, List<String>> read(List<String> lines) {
        Map<String, List<String>> read = new LinkedHashMap<>();
        List<String> current = read.computeIfAbsent(HEADER, n -> new ArrayList<>());
        for (String line : lines) {
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                current = read.computeIfAbsent(marker.group(1), n -> new ArrayList<>());
            }
            current.add(line);
        }
        return read;
    }
}
