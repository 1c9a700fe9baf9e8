package io.k3j.server.api.watch;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.store.WatchEvent;
import java.util.Arrays;
import java.util.Objects;

/**
 * A watch event as many watches send it unchanged: the same instance goes to each, so that its
 * JSON line is encoded once, by whichever writer needs it first, and the same array goes to every watch.
 */
public final class SharedEvent {

    private final WatchEvent event;
    private volatile byte[] jsonLine;

    public SharedEvent(WatchEvent event) {
        this.event = Objects.requireNonNull(event, "event");
    }

    public WatchEvent event() {
        return event;
    }

    /** The event as one line of a JSON watch stream, newline included; callers must not change the array. */
    public byte[] jsonLine() {
        byte[] line = jsonLine;
        if (line == null) {
            synchronized (this) {
                line = jsonLine;
                if (line == null) {
                    byte[] json = JsonSupport.toBytes(event.toJson());
                    line = Arrays.copyOf(json, json.length + 1);
                    line[json.length] = '\n';
                    jsonLine = line;
                }
            }
        }
        return line;
    }

    @Override
    public String toString() {
        return "SharedEvent[" + event.type() + "]";
    }
}
