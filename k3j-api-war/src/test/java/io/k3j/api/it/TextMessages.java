package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket listener that keeps each text message the server sends, for a test to take in order. */
final class TextMessages implements WebSocket.Listener {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** The next message, as JSON; fails when none comes within the time. */
    JsonObject next(Duration within) throws InterruptedException {
        String message = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(message != null, "no message within " + within);
        return ItServer.json(message);
    }
}
