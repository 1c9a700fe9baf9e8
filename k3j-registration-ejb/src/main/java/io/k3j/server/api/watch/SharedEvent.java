package io.k3j.server.api.watch;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.store.WatchEvent;
import java.util.Objects;

/**
 * A watch event as many watches send it unchanged: the same instance goes to each, so that its
 * JSON line is encoded once, by whichever writer needs it first.
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
            // two writers may both encode it at first; they get equal bytes, and one array stays
            byte[] json = JsonSupport.toBytes(event.toJson());
            line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            jsonLine = line;
        }
        return line;
    }

    @Override
    public String toString() {
        return "SharedEvent[" + event.type() + "]";
    }
}
