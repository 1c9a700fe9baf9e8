package io.k3j.agent.loadbalancer;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th failure in a row waits between half and all of
 * {@code initial * 2^(n-1)}, at most {@code max}, so that agents cut off together do not all
 * come back in the same second.
 */
public record Backoff(Duration initial, Duration max, RandomGenerator random) {

    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), RandomGenerator.getDefault());
    }

    /**
     * For a registered agent's tunnels: at most 5 s, as K3s's agent retries its tunnels, so that a
     * server back from a restart has its agents again within seconds, however long it was away.
     */
    public static Backoff reconnect() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), RandomGenerator.getDefault());
    }

    /** @param failures the failures in a row so far, at least 1 */
    public Duration delay(int failures) {
        long ceiling = max.toMillis();
        long base = initial.toMillis();
        for (int i = 1; i < failures && base < ceiling; i++) {
            base *= 2;
        }
        base = Math.min(base, ceiling);
        long half = base / 2;
        return Duration.ofMillis(half + random.nextLong(base - half + 1));
    }
}
