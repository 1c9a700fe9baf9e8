package io.k3j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerFlagsTest {

    private static final Path DATA = Path.of("/home/k/.k3j/server");
    private static final Path PLUGINS = Path.of("/opt/k3j/plugins");

    private static ServerConfig parse(Map<String, String> env, String... args) {
        return ServerFlags.parse(List.of(args), env, DATA, PLUGINS);
    }

    private static String usageError(Map<String, String> env, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> parse(env, args));
        assertEquals("k3j server", e.command());
        return e.getMessage();
    }

    @Test
    void withoutFlagsTheServerDefaultsApply() {
        ServerConfig config = parse(Map.of());

        assertEquals(DATA, config.dataDir());
        assertEquals(6443, config.httpsListenPort());
        assertEquals("0.0.0.0", config.bindAddress());
        assertEquals("h2:file:" + DATA.resolve("db/k3j"), config.datastoreEndpoint());
        assertEquals(Optional.of(PLUGINS), config.pluginsDir());
        assertEquals(DATA.resolve("k3j.yaml"), config.writeKubeconfig());
    }

    @Test
    void flagsTakeTheirValueAfterAnEqualsSignOrAsTheNextArgument() {
        ServerConfig config = parse(Map.of(), "--data-dir=/srv/k3j", "--https-listen-port", "7443", "--bind-address=127.0.0.1",
                "--advertise-address", "10.0.0.9", "--datastore-endpoint=postgres://u:p@db/k3j", "--token", "t0k",
                "--write-kubeconfig", "/etc/k3j.yaml", "--plugins-dir=/srv/plugins", "--disable-agent",
                "--service-cidr", "10.96.0.0/12");

        assertEquals(Path.of("/srv/k3j"), config.dataDir());
        assertEquals(7443, config.httpsListenPort());
        assertEquals("127.0.0.1", config.bindAddress());
        assertEquals(Optional.of("10.0.0.9"), config.advertiseAddress());
        assertEquals("postgres://u:p@db/k3j", config.datastoreEndpoint());
        assertEquals(Optional.of("t0k"), config.token());
        assertEquals(Path.of("/etc/k3j.yaml"), config.writeKubeconfig());
        assertEquals(Optional.of(Path.of("/srv/plugins")), config.pluginsDir());
        assertEquals("10.96.0.0/12", config.serviceCidr().toString());
    }

    @Test
    void environmentVariablesStandInForMissingFlags() {
        ServerConfig config = parse(Map.of("K3J_DATA_DIR", "/env/data", "K3J_DATASTORE_ENDPOINT", "h2:mem:x", "K3J_TOKEN", "env-token",
                "K3J_HTTPS_LISTEN_PORT", "8443"));

        assertEquals(Path.of("/env/data"), config.dataDir());
        assertEquals("h2:mem:x", config.datastoreEndpoint());
        assertEquals(Optional.of("env-token"), config.token());
        assertEquals(8443, config.httpsListenPort());
    }

    @Test
    void aFlagBeatsItsVariable() {
        ServerConfig config = parse(Map.of("K3J_DATA_DIR", "/env/data", "K3J_TOKEN", "env-token"), "--data-dir", "/flag/data",
                "--token=flag-token");

        assertEquals(Path.of("/flag/data"), config.dataDir());
        assertEquals(Optional.of("flag-token"), config.token());
    }

    @Test
    void eitherTokenFlagBeatsBothTokenVariables() {
        ServerConfig config = parse(Map.of("K3J_TOKEN", "env-token"), "--token-file", "/etc/k3j/token");
        assertEquals(Optional.empty(), config.token());
        assertEquals(Optional.of(Path.of("/etc/k3j/token")), config.tokenFile());

        config = parse(Map.of("K3J_TOKEN_FILE", "/etc/k3j/token"), "--token", "flag-token");
        assertEquals(Optional.of("flag-token"), config.token());
        assertEquals(Optional.empty(), config.tokenFile());
    }

    @Test
    void badCommandLinesAreOneClearLine() {
        assertEquals("unknown flag --cluster-init", usageError(Map.of(), "--cluster-init"));
        assertEquals("flag --data-dir needs a value", usageError(Map.of(), "--data-dir"));
        assertEquals("unexpected argument 'now'", usageError(Map.of(), "now"));
        assertEquals("unexpected argument '-t'", usageError(Map.of(), "-t", "x"));
        assertEquals("use either --token or --token-file, not both", usageError(Map.of(), "--token", "a", "--token-file", "/f"));
        assertEquals("--disable-agent takes no value", usageError(Map.of(), "--disable-agent=yes"));
        assertEquals("--with-node-id takes no value", usageError(Map.of(), "--with-node-id=1"));
        assertEquals("flag --node-name needs a value", usageError(Map.of(), "--node-name"));
    }

    @Test
    void theClusterCidrIsASettingWithItsVariable() {
        assertEquals("10.42.0.0/16", parse(Map.of()).clusterCidr().toString());
        assertEquals("10.100.0.0/16", parse(Map.of(), "--cluster-cidr", "10.100.0.0/16").clusterCidr().toString());
        assertEquals("10.200.0.0/20", parse(Map.of("K3J_CLUSTER_CIDR", "10.200.0.0/20")).clusterCidr().toString());
        assertTrue(usageError(Map.of(), "--cluster-cidr=10.42.0.0/25").startsWith("--cluster-cidr: '10.42.0.0/25' must have a prefix length"),
                "each node takes a /24");
    }

    @Test
    void theLocalAgentRunsUnlessDisabledAndNamesItsNodeAsTheAgentDoes() {
        ServerFlags.Parsed defaults = ServerFlags.parseAll(List.of(), Map.of(), DATA, PLUGINS);
        assertEquals(Optional.of(new ServerFlags.LocalAgentNaming(Optional.empty(), false)), defaults.localAgent());

        ServerFlags.Parsed named = ServerFlags.parseAll(List.of("--node-name", "cp-1", "--with-node-id"),
                Map.of("K3J_NODE_NAME", "from-env"), DATA, PLUGINS);
        assertEquals(Optional.of(new ServerFlags.LocalAgentNaming(Optional.of("cp-1"), true)), named.localAgent());
        assertEquals(Optional.of(new ServerFlags.LocalAgentNaming(Optional.of("from-env"), false)),
                ServerFlags.parseAll(List.of("--with-node-id=false"), Map.of("K3J_NODE_NAME", "from-env"), DATA, PLUGINS).localAgent());

        assertEquals(Optional.empty(), ServerFlags.parseAll(List.of("--disable-agent", "--node-name", "x"), Map.of(), DATA, PLUGINS)
                .localAgent());
        assertEquals(Optional.of(new ServerFlags.LocalAgentNaming(Optional.empty(), false)),
                ServerFlags.parseAll(List.of("--disable-agent=false"), Map.of(), DATA, PLUGINS).localAgent());
    }

    @Test
    void aBadNodeNameStopsTheStartNamingItsSource() {
        assertTrue(usageError(Map.of(), "--node-name", "Bad_Name").startsWith("--node-name 'Bad_Name' is not a valid node name"));
        UsageException e = assertThrows(UsageException.class,
                () -> ServerFlags.parseAll(List.of(), Map.of("K3J_NODE_NAME", "-x"), DATA, PLUGINS));
        assertTrue(e.getMessage().startsWith("K3J_NODE_NAME '-x' is not a valid node name"), e.getMessage());
    }

    @Test
    void badValuesNameTheFlagOrTheVariableTheyCameFrom() {
        assertEquals("--https-listen-port: 'https' is not a port number (1-65535)",
                usageError(Map.of(), "--https-listen-port", "https"));
        assertEquals("K3J_HTTPS_LISTEN_PORT: '70000' is not a port number (1-65535)",
                usageError(Map.of("K3J_HTTPS_LISTEN_PORT", "70000")));
        assertEquals("K3J_TOKEN: give either a token or a token file, not both",
                usageError(Map.of("K3J_TOKEN", "a", "K3J_TOKEN_FILE", "/f")));
    }

    @Test
    void helpIsAskedWithEitherSpelling() {
        assertTrue(ServerFlags.wantsHelp(List.of("--data-dir", "/x", "--help")));
        assertTrue(ServerFlags.wantsHelp(List.of("-h")));
        assertEquals(false, ServerFlags.wantsHelp(List.of("--data-dir", "/x")));
    }

    @Test
    void everyFlagHasItsVariable() {
        assertEquals("K3J_DATA_DIR", ServerFlags.variable("data-dir"));
        assertEquals("K3J_DATASTORE_ENDPOINT", ServerFlags.variable("datastore-endpoint"));
        assertEquals("K3J_TOKEN", ServerFlags.variable("token"));
    }
}
