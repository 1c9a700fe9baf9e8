package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.k3j.server.bootstrap.ClusterToken;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Registration over {@code /v1-k3j/connect} at the protocol level, with the JDK's WebSocket client
 * over real sockets: the cluster token, node passwords and their Secrets, the node token and what
 * it may do, and the node controllers (pod CIDRs, password cleanup, NotReady after the grace
 * period that arquillian.xml shortens to 4 s).
 */
class RegistrationIT extends DeployedWar {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCaIsOpenToAll() throws Exception {
        HttpResponse<String> cacerts = http.send(HttpRequest.newBuilder(server().uri("cacerts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, cacerts.statusCode());
        assertEquals(Files.readString(ItServer.DATA_DIR.resolve("tls/server-ca.crt")), cacerts.body());
    }

    @Test
    void aWrongTokenIsUnauthorized() throws Exception {
        assertEquals(401, refusal(connect("node", "not-the-token", nodeName(), "pw")));
        HttpResponse<String> plain = plainConnect("not-the-token", nodeName(), "pw");
        assertEquals(401, plain.statusCode());
        assertEquals("Status", ItServer.json(plain).getString("kind"));
    }

    @Test
    void aRegisteredNameNeedsItsPassword() throws Exception {
        String name = nodeName();
        Tunnel first = open(name, "password-one");
        JsonObject registration = first.next();
        assertEquals("Registration", registration.getString("kind"));
        assertEquals(name, registration.getString("nodeName"));
        assertTrue(registration.getString("nodeToken").startsWith("k3j-node." + name + "."));
        first.close();

        JsonObject secret = ItServer.json(server().get("api/v1/namespaces/kube-system/secrets/" + name + ".node-password.k3j"));
        assertEquals("k3j.io/node-password", secret.getString("type"));
        String hash = new String(Base64.getDecoder().decode(secret.getJsonObject("data").getString("hash")),
                StandardCharsets.UTF_8);
        assertTrue(hash.startsWith("$scrypt$ln=15,r=8,p=1$"), hash);
        assertFalse(secret.toString().contains("password-one"));

        open(name, "password-one").close();
        assertEquals(403, refusal(connect("node", clusterToken(), name, "password-two")));
        HttpResponse<String> refused = plainConnect(clusterToken(), name, "password-two");
        assertEquals(403, refused.statusCode());
        String message = ItServer.json(refused).getString("message");
        assertTrue(message.contains("kubectl delete node " + name) && message.contains("--with-node-id"), message);
    }

    @Test
    void ofTwoAgentsRacingForANameExactlyOneWins() throws Exception {
        String name = nodeName();
        List<CompletableFuture<WebSocket>> racers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            racers.add(connect("node", clusterToken(), name, "racer-" + i));
        }
        int won = 0;
        for (CompletableFuture<WebSocket> racer : racers) {
            try {
                racer.get(60, TimeUnit.SECONDS).sendClose(WebSocket.NORMAL_CLOSURE, "");
                won++;
            } catch (ExecutionException e) {
                assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
            }
        }
        assertEquals(1, won);
    }

    @Test
    void badNamesAreBadRequests() throws Exception {
        HttpResponse<String> refused = plainConnect(clusterToken(), "Not_A_Name", "pw");
        assertEquals(400, refused.statusCode());
        assertTrue(ItServer.json(refused).getString("message").contains("invalid node name"), refused.body());
        assertEquals(400, plainConnect(clusterToken(), nodeName(), "").statusCode());
    }

    @Test
    void theNodeTokenOpensOnlyWhatANodeNeeds() throws Exception {
        String name = nodeName();
        String token = register(name, "pw");
        assertEquals(200, asNode(token, "GET", "api/v1/nodes", null).statusCode());
        assertEquals(201, asNode(token, "POST", "api/v1/nodes", nodeJson(name)).statusCode());
        HttpResponse<String> other = asNode(token, "POST", "api/v1/nodes", nodeJson(name + "-other"));
        assertEquals(403, other.statusCode());
        assertTrue(ItServer.json(other).getString("message").contains("User \"system:node:" + name + "\" cannot create"),
                other.body());
        assertEquals(403, asNode(token, "GET", "api/v1/namespaces/kube-system/secrets", null).statusCode());
        assertEquals(403, asNode(token, "GET", "v1-k3j/watches", null).statusCode());
        assertEquals(201, asNode(token, "POST", "apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
                leaseJson(name, Instant.now())).statusCode());
        assertEquals(403, asNode(token, "POST", "apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
                leaseJson(name + "-other", Instant.now())).statusCode());
        assertEquals(401, asNode(clusterToken(), "GET", "api/v1/nodes", null).statusCode(),
                "the cluster token is no bearer token");
        HttpResponse<String> bootstrap = http.send(HttpRequest.newBuilder(server().uri("api/v1/nodes"))
                .header("Authorization", basic("node", clusterToken())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, bootstrap.statusCode(), "the cluster token only registers");
    }

    @Test
    void aNewNodeGetsAPodCidr() throws Exception {
        String name = nodeName();
        String token = register(name, "pw");
        assertEquals(201, asNode(token, "POST", "api/v1/nodes", nodeJson(name)).statusCode());
        ItServer.eventually("a pod CIDR", Duration.ofSeconds(15), () -> podCidr(name).matches("10\\.42\\.\\d+\\.0/24"));
    }

    @Test
    void deletingTheNodeFreesItsName() throws Exception {
        String name = nodeName();
        String token = register(name, "first-password");
        assertEquals(201, asNode(token, "POST", "api/v1/nodes", nodeJson(name)).statusCode());
        ItServer.eventually("a pod CIDR", Duration.ofSeconds(15), () -> !podCidr(name).isEmpty());
        assertEquals(403, refusal(connect("node", clusterToken(), name, "second-password")));

        assertEquals(200, server().send("DELETE", "api/v1/nodes/" + name, "application/json", "").statusCode());
        ItServer.eventually("the password Secret is gone", Duration.ofSeconds(10), () -> status("api/v1/namespaces/kube-system/secrets/" + name
                + ".node-password.k3j") == 404);
        register(name, "second-password");
    }

    @Test
    void aNodeThatStopsRenewingItsLeaseIsNotReadyThenReadyAgain() throws Exception {
        String name = nodeName();
        String token = register(name, "pw");
        assertEquals(201, asNode(token, "POST", "api/v1/nodes", nodeJson(name)).statusCode());
        assertEquals(200, asNode(token, "PATCH", "api/v1/nodes/" + name + "/status", """
                {"status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady",
                "message":"ready","lastHeartbeatTime":"%s"}]}}""".formatted(Instant.now().toString())).statusCode());
        String leases = "apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases";
        assertEquals(201, asNode(token, "POST", leases, leaseJson(name, Instant.now())).statusCode());

        ItServer.eventually("Ready=Unknown", Duration.ofSeconds(20), () -> readyStatus(name).equals("Unknown"));
        JsonObject tainted = ItServer.json(server().get("api/v1/nodes/" + name));
        assertTrue(tainted.getJsonObject("spec").getJsonArray("taints").toString()
                .contains("node.kubernetes.io/unreachable"), tainted.toString());

        HttpResponse<String> lease = asNode(token, "GET", leases + "/" + name, null);
        JsonObject renewed = Json.createObjectBuilder(ItServer.json(lease))
                .add("spec", Json.createObjectBuilder(ItServer.json(lease).getJsonObject("spec"))
                        .add("renewTime", micro(Instant.now())))
                .build();
        assertEquals(200, asNode(token, "PUT", leases + "/" + name, renewed.toString()).statusCode());
        ItServer.eventually("Ready=True", Duration.ofSeconds(10), () -> readyStatus(name).equals("True"));
        assertFalse(ItServer.json(server().get("api/v1/nodes/" + name)).getJsonObject("spec").containsKey("taints"));
    }

    // ---- helpers

    private static String nodeName() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The secret of the token file's full K10 form, which agents present. */
    private static String clusterToken() throws Exception {
        return ClusterToken.parse(Files.readString(ItServer.DATA_DIR.resolve("token")).strip()).secret();
    }

    /** Registers and returns the node token. */
    private String register(String name, String password) throws Exception {
        Tunnel tunnel = open(name, password);
        String token = tunnel.next().getString("nodeToken");
        tunnel.close();
        return token;
    }

    private Tunnel open(String name, String password) throws Exception {
        TextMessages messages = new TextMessages();
        return new Tunnel(connect("node", clusterToken(), name, password, messages).get(60, TimeUnit.SECONDS), messages);
    }

    private CompletableFuture<WebSocket> connect(String user, String secret, String name, String password) {
        return connect(user, secret, name, password, new TextMessages());
    }

    private CompletableFuture<WebSocket> connect(String user, String secret, String name, String password,
            TextMessages messages) {
        return http.newWebSocketBuilder()
                .header("Authorization", basic(user, secret))
                .header("K3j-Node-Name", name)
                .header("K3j-Node-Password", password)
                .connectTimeout(Duration.ofSeconds(60))
                .buildAsync(URI.create(server().uri("v1-k3j/connect").toString().replaceFirst("^http", "ws")),
                        messages);
    }

    /** The same headers without an upgrade: the refusals come as the same Status, with a body to read. */
    private HttpResponse<String> plainConnect(String secret, String name, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(server().uri("v1-k3j/connect"))
                .header("Authorization", basic("node", secret))
                .header("K3j-Node-Name", name)
                .header("K3j-Node-Password", password).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int refusal(CompletableFuture<WebSocket> attempt) {
        try {
            attempt.join().sendClose(WebSocket.NORMAL_CLOSURE, "");
            return fail("the handshake was accepted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private HttpResponse<String> asNode(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server().uri(path)).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String path) {
        try {
            return server().get(path).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String podCidr(String name) {
        try {
            JsonObject spec = ItServer.json(server().get("api/v1/nodes/" + name)).getJsonObject("spec");
            return spec == null ? "" : spec.getString("podCIDR", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String readyStatus(String name) {
        try {
            JsonObject status = ItServer.json(server().get("api/v1/nodes/" + name)).getJsonObject("status");
            return status == null || !status.containsKey("conditions") ? "" : status.getJsonArray("conditions").stream()
                    .map(JsonValue::asJsonObject).filter(c -> c.getString("type").equals("Ready"))
                    .map(c -> c.getString("status")).findFirst().orElse("");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nodeJson(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\"}}";
    }

    private static String leaseJson(String name, Instant renewTime) {
        return "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"holderIdentity\":\"" + name + "\",\"leaseDurationSeconds\":40,\"renewTime\":\""
                + micro(renewTime) + "\"}}";
    }

    private static String micro(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An open tunnel and the messages the server sent down it. */
    private record Tunnel(WebSocket socket, TextMessages messages) {

        JsonObject next() throws Exception {
            return messages.next(Duration.ofSeconds(30));
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
