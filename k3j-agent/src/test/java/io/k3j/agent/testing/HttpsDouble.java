package io.k3j.agent.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for a k3j server's plain HTTPS side: {@code /cacerts}, and a {@code /v1-k3j/connect}
 * that refuses every handshake with a Kubernetes Status, as the server does before an upgrade.
 */
public final class HttpsDouble implements AutoCloseable {

    private final HttpsServer server;
    private final List<Map<String, List<String>>> connectRequests = new CopyOnWriteArrayList<>();
    private volatile int refusalStatus = 403;
    private volatile String refusalMessage = "refused";

    public HttpsDouble(SSLContext tls, byte[] caPem) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/cacerts", exchange -> respond(exchange, 200, "text/plain", caPem));
        server.createContext("/v1-k3j/connect", exchange -> {
            connectRequests.add(Map.copyOf(exchange.getRequestHeaders()));
            String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + refusalStatus
                    + ",\"message\":\"" + refusalMessage.replace("\"", "\\\"") + "\"}";
            respond(exchange, refusalStatus, "application/json", status.getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    public void refuseWith(int status, String message) {
        refusalStatus = status;
        refusalMessage = message;
    }

    /** The request headers of every request to {@code /v1-k3j/connect}, handshakes and plain GETs alike. */
    public List<Map<String, List<String>>> connectRequests() {
        return connectRequests;
    }

    public URI url(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort());
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
