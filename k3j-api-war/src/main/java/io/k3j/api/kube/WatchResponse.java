package io.k3j.api.kube;

import io.k3j.server.api.watch.ObjectWatch;
import io.k3j.server.api.watch.WatchSink;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * One watch streamed as a chunked HTTP response without a thread of its own: the request is
 * asynchronous and events are written with non-blocking I/O, by the fan-out's delivery threads
 * when events come and by the container when the connection can take more. A client that goes
 * away is noticed when a write fails; the watch is then closed and forgotten.
 *
 * <p>Payara does not tell asynchronous requests that an idle client went away, so a watch that
 * gets no event finds out at its next event, bookmark or timeout.
 */
final class WatchResponse implements WatchSink, WriteListener, AsyncListener {

    private static final Logger LOG = Logger.getLogger(WatchResponse.class.getName());

    private final ObjectWatch watch;
    private final AsyncContext async;
    private final ServletOutputStream out;
    /** Guarded by this object's monitor, like every write. */
    private boolean done;
    /** An event taken from the watch when the connection could not take it; written before any other. */
    private byte[] taken;

    private WatchResponse(ObjectWatch watch, AsyncContext async, ServletOutputStream out) {
        this.watch = watch;
        this.async = async;
        this.out = out;
    }

    /**
     * Streams a watch as the answer to a request: makes it asynchronous, flushes the headers at
     * once, so that clients see the watch started before any event, then writes events as they come.
     */
    static void start(HttpServletRequest request, ObjectWatch watch) {
        try {
            AsyncContext async = request.startAsync();
            async.setTimeout(0); // the watch ends itself
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(watch.encoding().contentType());
            response.flushBuffer();
            WatchResponse stream = new WatchResponse(watch, async, response.getOutputStream());
            async.addListener(stream);
            stream.out.setWriteListener(stream);
            watch.attach(stream);
        } catch (IOException e) {
            // the client went away before the watch started
            watch.close();
        }
    }

    @Override
    public void ready() {
        drain();
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    /**
     * Writes what the watch has queued while the connection takes it, one flush per batch;
     * when the connection is full, the container calls {@link #onWritePossible} once it drains.
     * The stream ends once the watch has ended and its last event was flushed.
     */
    private synchronized void drain() {
        if (done) {
            return;
        }
        try {
            boolean written = false;
            for (byte[] event = taken != null ? taken : watch.next(); event != null; event = watch.next()) {
                if (!out.isReady()) {
                    taken = event; // written first when the connection takes more
                    return;
                }
                out.write(event);
                taken = null;
                written = true;
            }
            if (written && out.isReady()) {
                out.flush();
            }
            if (watch.isFinished()) {
                finish();
            }
        } catch (IOException | IllegalStateException e) {
            LOG.fine(() -> "watch client went away: " + e);
            finish();
        }
    }

    @Override
    public synchronized void cancel() {
        finish();
    }

    @Override
    public synchronized void onError(Throwable failure) {
        LOG.fine(() -> "watch stream failed: " + failure);
        finish();
    }

    /** Ends the response and forgets the watch; once. */
    private void finish() {
        if (done) {
            return;
        }
        done = true;
        watch.close();
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // completed already, by the container after an error
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        watch.close();
    }

    @Override
    public synchronized void onTimeout(AsyncEvent event) {
        finish();
    }

    @Override
    public synchronized void onError(AsyncEvent event) {
        finish();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
