package io.k3j.server.api.table;

import java.time.Duration;

/**
 * Durations as kubectl shows ages ({@code 5s}, {@code 3m2s}, {@code 4h}, {@code 2d3h}): about
 * two significant figures, as Kubernetes's {@code duration.HumanDuration} renders them.
 */
public final class HumanDuration {

    private HumanDuration() {
    }

    public static String format(Duration duration) {
        // whole seconds, truncated towards zero as Go's int(d.Seconds()) does
        long seconds = duration.getSeconds() < 0 && duration.getNano() > 0
                ? duration.getSeconds() + 1 : duration.getSeconds();
        // up to a second in the future counts as now: clocks of different machines drift
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 2 * 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return withRest(minutes, "m", seconds % 60, "s");
        }
        if (minutes < 3 * 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return withRest(hours, "h", minutes % 60, "m");
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 8 * 24) {
            return withRest(hours / 24, "d", hours % 24, "h");
        }
        if (hours < 2 * 365 * 24) {
            return hours / 24 + "d";
        }
        if (hours < 8 * 365 * 24) {
            long days = hours / 24;
            return withRest(days / 365, "y", days % 365, "d");
        }
        return hours / 24 / 365 + "y";
    }

    private static String withRest(long value, String unit, long rest, String restUnit) {
        return rest == 0 ? value + unit : value + unit + rest + restUnit;
    }
}
