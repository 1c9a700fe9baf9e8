package io.k3j.bench;

import java.util.Arrays;

/** Recorded durations of one operation, in nanoseconds. */
final class Latencies {

    private long[] samples;
    private int count;
    private long wallNanos;

    Latencies(int expected) {
        samples = new long[Math.max(16, expected)];
    }

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    void wall(long nanos) {
        wallNanos = nanos;
    }

    int count() {
        return count;
    }

    double opsPerSecond() {
        return count / (wallNanos / 1e9);
    }

    double percentileMillis(double p) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1e6;
    }

    /** One table row: ops/s, p50 and p99 in milliseconds. */
    String row(String what) {
        return String.format("| %s | %d | %,.0f | %.2f | %.2f |", what, count, opsPerSecond(), percentileMillis(50),
                percentileMillis(99));
    }

    static String header() {
        return "| operation | n | ops/s | p50 ms | p99 ms |\n| --- | --- | --- | --- | --- |";
    }
}
