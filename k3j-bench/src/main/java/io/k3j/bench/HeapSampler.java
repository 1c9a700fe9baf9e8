package io.k3j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The heap of another JVM, sampled by {@code jstat -gc}, which reads the JVM's performance
 * counters from shared memory: the JVM under measurement does no work for it.
 */
final class HeapSampler implements AutoCloseable {

    /** One sample, in KB, with the collections so far. */
    record Sample(double usedKb, double oldUsedKb, long youngCollections, long fullCollections, double gcSeconds) {
    }

    private final Process jstat;
    private final Thread reader;
    private volatile Sample first;
    private volatile Sample last;
    private volatile double maxUsedKb;

    private HeapSampler(Process jstat) {
        this.jstat = jstat;
        this.reader = new Thread(this::read, "jstat-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Samples every {@code intervalMillis} until closed. */
    static HeapSampler start(long pid, long intervalMillis) throws IOException {
        return new HeapSampler(new ProcessBuilder("jstat", "-gc", Long.toString(pid), Long.toString(intervalMillis))
                .redirectErrorStream(true).start());
    }

    /** The JVM's maximum heap in KB: the young and old generations' maximum capacities. */
    static double maxHeapKb(long pid) throws IOException, InterruptedException {
        Process capacity = new ProcessBuilder("jstat", "-gccapacity", Long.toString(pid)).redirectErrorStream(true).start();
        List<String> lines = new BufferedReader(new InputStreamReader(capacity.getInputStream(), StandardCharsets.US_ASCII))
                .lines().toList();
        capacity.waitFor();
        if (lines.size() < 2) {
            throw new IOException("jstat -gccapacity " + pid + " said: " + lines);
        }
        Map<String, String> values = columns(lines.get(0), lines.get(1));
        return Double.parseDouble(values.get("NGCMX")) + Double.parseDouble(values.get("OGCMX"));
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.US_ASCII))) {
            String header = lines.readLine();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Map<String, String> values = columns(header, line);
                double old = number(values, "OU");
                Sample sample = new Sample(number(values, "S0U") + number(values, "S1U") + number(values, "EU") + old, old,
                        (long) number(values, "YGC"), (long) number(values, "FGC"), number(values, "GCT"));
                if (first == null) {
                    first = sample;
                }
                last = sample;
                maxUsedKb = Math.max(maxUsedKb, sample.usedKb());
            }
        } catch (IOException | RuntimeException e) {
            // jstat ended: the samples so far stand
        }
    }

    private static Map<String, String> columns(String header, String line) {
        String[] names = header.trim().split("\\s+");
        String[] values = line.trim().split("\\s+");
        Map<String, String> columns = new HashMap<>();
        for (int i = 0; i < Math.min(names.length, values.length); i++) {
            columns.put(names[i], values[i]);
        }
        return columns;
    }

    private static double number(Map<String, String> values, String column) {
        String value = values.get(column);
        return value == null || value.equals("-") ? 0 : Double.parseDouble(value);
    }

    Sample first() {
        return first;
    }

    Sample last() {
        return last;
    }

    double maxUsedKb() {
        return maxUsedKb;
    }

    @Override
    public void close() throws InterruptedException {
        jstat.destroy();
        reader.join(5000);
    }
}
