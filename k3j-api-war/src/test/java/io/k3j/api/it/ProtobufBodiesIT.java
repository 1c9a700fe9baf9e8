package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;
import io.kubernetes.client.proto.V1;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies in Kubernetes protobuf, which kubectl's create subcommands send with no JSON
 * fallback: the real kubectl against the deployed server, and malformed bodies over HTTP.
 */
class ProtobufBodiesIT extends DeployedWar {

    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    @TempDir
    Path files;

    private JsonObject getJson(String... args) throws Exception {
        String[] command = Arrays.copyOf(args, args.length + 2);
        command[args.length] = "-o";
        command[args.length + 1] = "json";
        return ItServer.json(server().kubectl(command));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] envelope(String apiVersion, String kind, Message object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'k', '8', 's', 0});
        out.writeBytes(Unknown.newBuilder().setTypeMeta(TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString()).build().toByteArray());
        return out.toByteArray();
    }

    private HttpResponse<String> sendBytes(String method, String path, String contentType, byte[] body)
            throws Exception {
        return server().send(server().request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static JsonObject assertStatus(int code, String reason, HttpResponse<String> response) {
        assertEquals(code, response.statusCode(), response.body());
        JsonObject status = ItServer.json(response);
        assertEquals("Status", status.getString("kind"), response.body());
        assertEquals(reason, status.getString("reason"), response.body());
        assertEquals(code, status.getInt("code"), response.body());
        return status;
    }

    // ---- kubectl create <kind>

    @Test
    void kubectlCreatesANamespace() throws Exception {
        assertEquals("namespace/proto-ns created", server().kubectl("create", "namespace", "proto-ns").strip());

        JsonObject namespace = getJson("get", "namespace", "proto-ns");
        assertEquals("proto-ns", namespace.getJsonObject("metadata").getString("name"));
        assertEquals("Active", namespace.getJsonObject("status").getString("phase"));
    }

    @Test
    void kubectlCreatesAConfigMapFromLiteralsAndFiles() throws Exception {
        Path text = Files.writeString(files.resolve("app.properties"), "mode=fast\nlevel=3\n");
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'};
        Path blob = Files.write(files.resolve("blob.bin"), binary);

        assertEquals("configmap/proto-cm created", server().kubectl("create", "configmap", "proto-cm",
                "--from-literal=greeting=hello world", "--from-file=" + text, "--from-file=" + blob).strip());

        JsonObject map = getJson("get", "configmap", "proto-cm", "-n", "default");
        assertEquals("hello world", map.getJsonObject("data").getString("greeting"));
        assertEquals("mode=fast\nlevel=3\n", map.getJsonObject("data").getString("app.properties"));
        assertEquals(base64(binary), map.getJsonObject("binaryData").getString("blob.bin"));
        assertEquals("default", map.getJsonObject("metadata").getString("namespace"));
        assertFalse(map.getJsonObject("metadata").getString("uid").isEmpty());
    }

    @Test
    void kubectlCreatesAGenericSecretWithItsBytesIntact() throws Exception {
        byte[] key = {0, (byte) 0x80, (byte) 0xff, 'k', 'e', 'y'};
        Path keyFile = Files.write(files.resolve("ssh-key"), key);

        assertEquals("secret/proto-generic created", server().kubectl("create", "secret", "generic", "proto-generic",
                "--from-literal=password=s3cr=t", "--from-file=" + keyFile).strip());

        JsonObject secret = getJson("get", "secret", "proto-generic");
        assertEquals(base64("s3cr=t".getBytes(StandardCharsets.UTF_8)), secret.getJsonObject("data").getString("password"));
        assertEquals(base64(key), secret.getJsonObject("data").getString("ssh-key"));
        assertEquals("Opaque", secret.getString("type"), "the empty type protobuf carries reads as absent");
    }

    @Test
    void kubectlCreatesATlsSecret() throws Exception {
        byte[][] pair = selfSignedPair();
        Path cert = Files.write(files.resolve("tls.crt"), pair[0]);
        Path key = Files.write(files.resolve("tls.key"), pair[1]);

        assertEquals("secret/proto-tls created", server().kubectl("create", "secret", "tls", "proto-tls",
                "--cert=" + cert, "--key=" + key).strip());

        JsonObject secret = getJson("get", "secret", "proto-tls");
        assertEquals("kubernetes.io/tls", secret.getString("type"));
        assertEquals(base64(pair[0]), secret.getJsonObject("data").getString("tls.crt"));
        assertEquals(base64(pair[1]), secret.getJsonObject("data").getString("tls.key"));
    }

    @Test
    void kubectlCreatesADockerRegistrySecret() throws Exception {
        assertEquals("secret/proto-registry created", server().kubectl("create", "secret", "docker-registry",
                "proto-registry", "--docker-server=registry.example:5000", "--docker-username=robot",
                "--docker-password=pa55").strip());

        JsonObject secret = getJson("get", "secret", "proto-registry");
        assertEquals("kubernetes.io/dockerconfigjson", secret.getString("type"));
        JsonObject config = ItServer.json(new String(Base64.getDecoder().decode(
                secret.getJsonObject("data").getString(".dockerconfigjson")), StandardCharsets.UTF_8));
        JsonObject auth = config.getJsonObject("auths").getJsonObject("registry.example:5000");
        assertEquals("robot", auth.getString("username"));
        assertEquals("pa55", auth.getString("password"));
    }

    @Test
    void kubectlCreatesAServiceAccount() throws Exception {
        assertEquals("serviceaccount/proto-sa created", server().kubectl("create", "serviceaccount", "proto-sa").strip());

        assertEquals("proto-sa", getJson("get", "serviceaccount", "proto-sa").getJsonObject("metadata").getString("name"));
    }

    @Test
    void kubectlCreateDeploymentIsNotFoundAsAppsV1IsNotServed() throws Exception {
        ItServer.KubectlResult result = server().kubectlRun("", "create", "deployment", "proto-deploy", "--image=nginx");

        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("the server could not find the requested resource"), result.output());
    }

    @Test
    void kubectlDeletesWhatItCreated() throws Exception {
        server().kubectl("create", "configmap", "proto-short-lived", "--from-literal=a=b");

        assertEquals("configmap \"proto-short-lived\" deleted",
                server().kubectl("delete", "configmap", "proto-short-lived").strip());
        assertNotEquals(0, server().kubectlRun("", "get", "configmap", "proto-short-lived").exitCode());
    }

    // ---- protobuf over plain HTTP

    @Test
    void createUpdateAndDeleteTakeProtobufOverHttp() throws Exception {
        V1.ConfigMap map = V1.ConfigMap.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("proto-http")
                .putLabels("tier", "backend").putLabels("empty", "")).putData("a", "1").build();
        HttpResponse<String> created = sendBytes("POST", "api/v1/namespaces/default/configmaps", PROTOBUF,
                envelope("v1", "ConfigMap", map));
        assertEquals(201, created.statusCode(), created.body());
        String version = ItServer.json(created).getJsonObject("metadata").getString("resourceVersion");
        JsonObject labels = getJson("get", "configmap", "proto-http").getJsonObject("metadata").getJsonObject("labels");
        assertEquals("backend", labels.getString("tier"));
        assertEquals("", labels.getString("empty"), "an empty label value is a value, not an absent field");

        V1.ConfigMap changed = map.toBuilder().setMetadata(map.getMetadata().toBuilder().setResourceVersion(version))
                .putData("a", "2").build();
        HttpResponse<String> updated = sendBytes("PUT", "api/v1/namespaces/default/configmaps/proto-http", PROTOBUF,
                envelope("v1", "ConfigMap", changed));
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals("2", ItServer.json(updated).getJsonObject("data").getString("a"));
        assertStatus(409, "Conflict", sendBytes("PUT", "api/v1/namespaces/default/configmaps/proto-http", PROTOBUF,
                envelope("v1", "ConfigMap", changed)));

        HttpResponse<String> deleted = sendBytes("DELETE", "api/v1/namespaces/default/configmaps/proto-http", PROTOBUF,
                envelope("v1", "DeleteOptions", Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(0)
                        .setPreconditions(Meta.Preconditions.newBuilder().setResourceVersion("1")).build()));
        assertStatus(409, "Conflict", deleted);
        assertEquals(200, sendBytes("DELETE", "api/v1/namespaces/default/configmaps/proto-http", PROTOBUF,
                envelope("v1", "DeleteOptions", Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(0).build()))
                .statusCode());
        assertEquals(404, server().get("api/v1/namespaces/default/configmaps/proto-http").statusCode());
    }

    @Test
    void aBindingInProtobufAssignsThePod() throws Exception {
        HttpResponse<String> pod = server().send("POST", "api/v1/namespaces/default/pods", "application/json",
                "{\"metadata\":{\"name\":\"proto-bound\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
        assertEquals(201, pod.statusCode(), pod.body());

        V1.Binding binding = V1.Binding.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("proto-bound"))
                .setTarget(V1.ObjectReference.newBuilder().setKind("Node").setName("node-7")).build();
        HttpResponse<String> bound = sendBytes("POST", "api/v1/namespaces/default/pods/proto-bound/binding", PROTOBUF,
                envelope("v1", "Binding", binding));
        assertEquals(201, bound.statusCode(), bound.body());

        assertEquals("node-7", getJson("get", "pod", "proto-bound").getJsonObject("spec").getString("nodeName"));
    }

    @Test
    void malformedProtobufIsABadRequest() throws Exception {
        String configMaps = "api/v1/namespaces/default/configmaps";
        JsonObject notProtobuf = assertStatus(400, "BadRequest", server().send("POST", configMaps, PROTOBUF,
                "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"json-as-proto\"}}"));
        assertTrue(notProtobuf.getString("message").contains("does not appear to be a protobuf message"),
                notProtobuf.toString());

        byte[] whole = envelope("v1", "ConfigMap", V1.ConfigMap.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("truncated")).putData("key", "value").build());
        JsonObject truncated = assertStatus(400, "BadRequest",
                sendBytes("POST", configMaps, PROTOBUF, Arrays.copyOf(whole, whole.length - 4)));
        assertTrue(truncated.getString("message").startsWith("ConfigMap in version \"v1\" cannot be handled as a ConfigMap"),
                truncated.toString());

        JsonObject wrongKind = assertStatus(400, "BadRequest", sendBytes("POST", configMaps, PROTOBUF,
                envelope("v1", "Secret", V1.Secret.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("s"))
                        .putData("k", ByteString.copyFromUtf8("v")).build())));
        assertEquals("the kind in the data (Secret) does not match the expected kind (ConfigMap)",
                wrongKind.getString("message"));

        JsonObject unknownKind = assertStatus(400, "BadRequest", sendBytes("POST", configMaps, PROTOBUF,
                envelope("apps/v1", "Deployment", V1.ConfigMap.getDefaultInstance())));
        assertEquals("no kind \"Deployment\" is registered for version \"apps/v1\"", unknownKind.getString("message"));
        assertEquals(404, server().get(configMaps + "/truncated").statusCode());
    }

    @Test
    void anUnknownContentTypeIsUnsupportedAndNamesTheAcceptedOnes() throws Exception {
        JsonObject status = assertStatus(415, "UnsupportedMediaType", server().send("POST",
                "api/v1/namespaces/default/configmaps", "text/plain", "name: x"));
        assertTrue(status.getString("message").contains("application/json, " + PROTOBUF), status.toString());
    }

    @Test
    void responsesStayJsonWhenKubectlPrefersProtobuf() throws Exception {
        for (String accept : new String[] {PROTOBUF + ", */*", PROTOBUF + ",application/json"}) {
            HttpResponse<String> response = server().send(server().request("api/v1/namespaces/default")
                    .header("Accept", accept).build());
            assertEquals(200, response.statusCode(), accept + ": " + response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), accept);
            assertEquals("Namespace", ItServer.json(response).getString("kind"));
        }
    }

    /** A certificate and its key in PEM, made with the JDK's keytool. */
    private byte[][] selfSignedPair() throws Exception {
        Path store = files.resolve("tls.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "tls", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=proto.example",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(password)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, keytool.exitValue(), output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        Certificate certificate = keys.getCertificate("tls");
        return new byte[][] {
            pem("CERTIFICATE", certificate.getEncoded()),
            pem("PRIVATE KEY", keys.getKey("tls", password).getEncoded())};
    }

    private static byte[] pem(String type, byte[] der) {
        return ("-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
