package io.k3j.datastore.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.spi.datastore.CompactedException;
import io.k3j.spi.datastore.Event;
import io.k3j.spi.datastore.KeyValue;
import io.k3j.spi.datastore.WatchOverflowException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private final List<Subscription> closed = new ArrayList<>();

    private static Event created(String key, long revision) {
        return new Event(Event.Type.CREATED, new KeyValue(key, new byte[0], revision, revision), Optional.empty());
    }

    @Test
    void deliversOnlyMatchingChangesAfterItsRevisionOnce() throws Exception {
        Subscription s = new Subscription("/a/", 5, 10, closed::add);
        s.offer(created("/a/old", 5));
        s.offer(created("/a/x", 6));
        s.offer(created("/b/x", 7));
        s.offer(created("/a/x", 6));
        s.offer(created("/a/y", 8));
        assertEquals(List.of(6L, 8L), s.poll(Duration.ofMillis(10)).stream().map(Event::revision).toList());
        assertTrue(s.poll(Duration.ofMillis(10)).isEmpty());
    }

    @Test
    void overflowEndsTheStreamInsteadOfBlockingTheWriter() throws Exception {
        Subscription s = new Subscription("", 0, 3, closed::add);
        for (long r = 1; r <= 4; r++) {
            s.offer(created("/k" + r, r));
        }
        assertThrows(WatchOverflowException.class, () -> s.poll(Duration.ofMillis(10)));
        assertTrue(s.isClosed());
        assertEquals(List.of(s), closed);
    }

    @Test
    void failureComesAfterQueuedChanges() throws Exception {
        Subscription s = new Subscription("", 0, 10, closed::add);
        s.offer(created("/k", 1));
        s.fail(new CompactedException("gone"));
        assertEquals(1, s.poll(Duration.ofMillis(10)).size());
        assertThrows(CompactedException.class, () -> s.poll(Duration.ofMillis(10)));
    }

    @Test
    void closeWakesAWaitingReader() throws Exception {
        Subscription s = new Subscription("", 0, 10, closed::add);
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            s.close();
        });
        closer.start();
        long start = System.nanoTime();
        assertTrue(s.poll(Duration.ofSeconds(10)).isEmpty());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        closer.join();
    }
}
