package io.k3j.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAR as built, on Payara Micro, seen from outside as a client sees it. */
@ExtendWith(ArquillianExtension.class)
class K3jWarIT {

    /** Where arquillian.xml points the server; the build empties it before the test. */
    private static final Path DATA_DIR = Path.of("target", "it-data");

    private final HttpClient http = HttpClient.newHttpClient();

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive k3jWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/k3j.war"));
    }

    /** The container may report a non-loopback address; only its port and path are taken. */
    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + deployment.getPort() + deployment.getPath()).resolve(path);
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthEndpointsAnswerOk() throws Exception {
        for (String path : new String[] {"readyz", "livez", "healthz"}) {
            HttpResponse<String> response = get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("ok", response.body(), path);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), path);
        }
    }

    @Test
    void versionAnswersLikeKubernetes() throws Exception {
        HttpResponse<String> response = get("version");
        assertEquals(200, response.statusCode());
        JsonObject version = Json.createReader(new StringReader(response.body())).readObject();

        assertEquals("1", version.getString("major"));
        assertEquals("31", version.getString("minor"));
        assertEquals("v1.31.0+k3j1", version.getString("gitVersion"));
        assertEquals("java" + System.getProperty("java.version"), version.getString("goVersion"));
        assertEquals("javac", version.getString("compiler"));
        assertEquals("linux/amd64", version.getString("platform"));
        assertTrue(version.getString("buildDate").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), version.toString());
        assertTrue(version.containsKey("gitCommit") && version.containsKey("gitTreeState"), version.toString());
    }

    @Test
    void theWarCarriesTheServerThePluginsAndTheirDriversButNotWhatPayaraProvides() throws Exception {
        List<String> libs;
        try (ZipFile war = new ZipFile("target/k3j.war")) {
            libs = war.stream().map(ZipEntry::getName).filter(name -> name.startsWith("WEB-INF/lib/"))
                    .map(name -> name.substring("WEB-INF/lib/".length())).toList();
        }
        for (String jar : List.of("k3j-registration-ejb-", "k3j-spi-", "k3j-datastore-sql-", "k3j-datastore-h2-",
                "k3j-datastore-postgres-", "h2-", "postgresql-")) {
            assertTrue(libs.stream().anyMatch(lib -> lib.startsWith(jar)), jar + " missing from " + libs);
        }
        assertTrue(libs.stream().noneMatch(lib -> lib.contains("eclipse.persistence") || lib.startsWith("jakarta.")), libs.toString());
    }

    @Test
    void theFirstStartWroteTheTokenAndTheAdminKubeconfig() throws Exception {
        Path token = DATA_DIR.resolve("token");
        Path kubeconfig = DATA_DIR.resolve("k3j.yaml");

        assertTrue(Files.readString(token).strip().matches("[0-9a-f]{64}"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)));
        String yaml = Files.readString(kubeconfig);
        assertTrue(yaml.contains("server: http://127.0.0.1:6443\n"), yaml);
        assertTrue(yaml.contains("current-context: default\n"), yaml);
        assertTrue(yaml.matches("(?s).*\n    token: [A-Za-z0-9_-]{43}\n.*"), yaml);
    }
}
