package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every request needs the admin credential, except health and version; refusals are 401 Status objects. */
class AuthenticationIT extends DeployedWar {

    private static final JsonObject UNAUTHORIZED = ItServer.json("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized",\
            "reason":"Unauthorized","code":401}""");

    /** A request without the admin credential. */
    private HttpRequest.Builder anonymous(String path) {
        return HttpRequest.newBuilder(server().uri(path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return server().send(request.build());
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        assertEquals(UNAUTHORIZED, ItServer.json(response));
    }

    @Test
    void aRequestWithoutCredentialIsUnauthorized() throws Exception {
        for (String path : List.of("api", "api/v1/namespaces", "apis", "api/v1/namespaces/default/secrets",
                "api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1", "nosuch")) {
            assertUnauthorized(send(anonymous(path)));
        }
        assertUnauthorized(send(anonymous("api/v1/namespaces").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"anonymous-was-here\"}}"))));
        assertEquals(404, server().get("api/v1/namespaces/anonymous-was-here").statusCode(), "nothing was created");
    }

    @Test
    void aWrongTokenIsUnauthorizedEverywhere() throws Exception {
        String admin = ItServer.adminToken();
        for (String token : List.of("wrong", admin.substring(1), admin + "A")) {
            for (String path : List.of("api/v1/namespaces", "version")) {
                assertUnauthorized(send(anonymous(path).header("Authorization", "Bearer " + token)));
            }
        }
        assertUnauthorized(send(anonymous("api").header("Authorization", "Basic YWRtaW46YWRtaW4=")));
    }

    @Test
    void healthAndVersionAreOpenWithoutCredential() throws Exception {
        for (String path : List.of("version", "readyz", "livez", "healthz")) {
            HttpResponse<String> response = send(anonymous(path));
            assertEquals(200, response.statusCode(), path + ": " + response.body());
        }
        assertEquals("ok", send(anonymous("readyz")).body());
        assertEquals(server().get("version").body(), send(anonymous("version")).body());
    }

    @Test
    void theAdminTokenOpensTheApiAndItsWatches() throws Exception {
        HttpResponse<String> namespaces = server().get("api/v1/namespaces");
        assertEquals(200, namespaces.statusCode(), namespaces.body());
        assertEquals("NamespaceList", ItServer.json(namespaces).getString("kind"));

        HttpResponse<String> watch = server().get("api/v1/namespaces?watch=true&timeoutSeconds=1");
        assertEquals(200, watch.statusCode(), watch.body());
        assertTrue(watch.body().contains("\"type\":\"ADDED\""), watch.body());
    }

    @Test
    void kubectlWithAWrongTokenIsToldToLogIn() throws Exception {
        ItServer.KubectlResult refused = server().kubectlRun("", "--token", "wrong", "get", "namespaces");
        assertNotEquals(0, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("You must be logged in to the server"), refused.output());

        assertTrue(server().kubectl("get", "namespaces", "-o", "name").contains("namespace/kube-system"));
    }
}
