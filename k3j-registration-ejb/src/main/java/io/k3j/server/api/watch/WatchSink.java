package io.k3j.server.api.watch;

/**
 * Where a watch's events go, such as a non-blocking HTTP response: the sink takes them with
 * {@link ObjectWatch#next()} when told they are there.
 */
public interface WatchSink {

    /**
     * There are events to take, or the watch has ended. Called on a delivery thread, never
     * twice at once for one watch; must not block.
     */
    void ready();

    /**
     * The watch ended and its sink did not take its last events in time (a client that stopped
     * reading), or the server is stopping: end the stream now.
     */
    void cancel();
}
