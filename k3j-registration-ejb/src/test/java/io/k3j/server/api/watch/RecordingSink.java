package io.k3j.server.api.watch;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.store.WatchEvent;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A sink that takes every event as soon as it is there, as an HTTP client that keeps up would, and records it. */
public final class RecordingSink implements WatchSink {

    private final ObjectWatch watch;
    private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    private final List<byte[]> lines = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean cancelled;

    private RecordingSink(ObjectWatch watch) {
        this.watch = watch;
    }

    /** Starts recording a watch's events. */
    public static RecordingSink attach(ObjectWatch watch) {
        RecordingSink sink = new RecordingSink(watch);
        watch.attach(sink);
        return sink;
    }

    @Override
    public void ready() {
        for (byte[] line = watch.next(); line != null; line = watch.next()) {
            lines.add(line);
            JsonObject json = JsonSupport.parse(line).asJsonObject();
            events.add(new WatchEvent(WatchEvent.Type.valueOf(json.getString("type")), json.getJsonObject("object")));
        }
        if (watch.isFinished()) {
            watch.close();
            finished.countDown();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        finished.countDown();
    }

    /** The next events, until {@code count} arrived or the wait ran out. */
    public List<WatchEvent> next(int count, Duration wait) throws InterruptedException {
        List<WatchEvent> next = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (next.size() < count) {
            WatchEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                break;
            }
            next.add(event);
        }
        return next;
    }

    /** The encoded lines taken so far, as the sink got them. */
    public List<byte[]> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Whether the stream ended (every event taken, or cancelled) within the wait. */
    public boolean awaitEnd(Duration wait) throws InterruptedException {
        return finished.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean cancelled() {
        return cancelled;
    }
}
