package io.k3j.server.api.watch;

/**
 * How one watch writes its events on the wire, chosen from its request (such as the Accept
 * header): plain JSON by default; another encoding (such as kubectl's Table form) plugs in here
 * without touching the fan-out. Encoders are called on writer threads, concurrently for
 * different watches.
 */
public interface WatchEncoding {

    /** One JSON watch event per line, each line encoded once and shared by every watch that sends it. */
    WatchEncoding JSON = new WatchEncoding() {
        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public byte[] encode(SharedEvent event) {
            return event.jsonLine();
        }
    };

    /** The Content-Type of the response stream. */
    String contentType();

    /** One event as the bytes of the stream, including any separator; must not change a shared array. */
    byte[] encode(SharedEvent event);
}
