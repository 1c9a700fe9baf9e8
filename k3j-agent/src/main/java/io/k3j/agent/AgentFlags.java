package io.k3j.agent;

import io.k3j.agent.identity.NodeNames;
import io.k3j.agent.loadbalancer.ServerUrls;
import io.k3j.agent.trust.ClusterToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The flags of {@code k3j agent}, named as K3s names them; {@code --server}, {@code --token},
 * {@code --token-file}, {@code --data-dir} and {@code --node-name} also read
 * {@code K3J_URL}, {@code K3J_TOKEN}, {@code K3J_TOKEN_FILE}, {@code K3J_DATA_DIR} and
 * {@code K3J_NODE_NAME}; a flag beats its variable.
 */
final class AgentFlags {

    static final String USAGE = """
            Usage: k3j agent --server URL --token TOKEN [flags]

            Runs a k3j agent in the foreground: registers this machine as a node of the cluster at URL,
            then keeps its status and lease current through every server of the cluster.
            The log goes to stderr; a refusal prints one line 'k3j-agent: ...' and exits non-zero.

            Flags (each also read from the environment variable in brackets; a flag beats its variable):
              --server URL              the server to register with, https://host:port  [K3J_URL]
              --token TOKEN             cluster token, K10<ca hash>::server:<secret> or the bare secret  [K3J_TOKEN]
              --token-file FILE         file holding the cluster token  [K3J_TOKEN_FILE]
              --data-dir DIR            node password and id; default /var/lib/k3j/agent as root,
                                        else ~/.k3j/agent  [K3J_DATA_DIR]
              --node-name NAME          node name (default: the host name)  [K3J_NODE_NAME]
              --with-node-id            append a unique id, kept in <data-dir>/node/id, to the node name
              --node-label KEY=VALUE    a label of the node; repeatable
            """;

    private static final List<String> VALUE_FLAGS = List.of("server", "token", "token-file", "data-dir", "node-name",
            "node-label", "node-lease-duration", "node-lease-renew-interval");
    private static final String WITH_NODE_ID = "with-node-id";
    private static final Map<String, String> VARIABLES = Map.of("server", "K3J_URL", "token", "K3J_TOKEN",
            "token-file", "K3J_TOKEN_FILE", "data-dir", "K3J_DATA_DIR", "node-name", "K3J_NODE_NAME");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    private AgentFlags() {
    }

    static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /**
     * @param user and {@code home}: for the default data dir
     * @throws UsageException naming the bad flag or variable
     */
    static AgentConfig parse(List<String> args, Map<String, String> env, String user, Path home) {
        Map<String, String> flags = new HashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        boolean withNodeId = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (name.equals(WITH_NODE_ID)) {
                if (value != null && !value.equals("true") && !value.equals("false")) {
                    throw new UsageException("--" + WITH_NODE_ID + " takes no value");
                }
                withNodeId = value == null || value.equals("true");
                continue;
            }
            if (!VALUE_FLAGS.contains(name)) {
                throw new UsageException("unknown flag --" + name);
            }
            if (value == null) {
                if (i + 1 == args.size()) {
                    throw new UsageException("flag --" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (name.equals("node-label")) {
                addLabel(labels, value);
            } else {
                flags.put(name, value);
            }
        }

        Source server = setting("server", flags, env)
                .orElseThrow(() -> new UsageException("--server (or K3J_URL) is required"));
        URI serverUrl = server.apply(ServerUrls::normalize);
        ClusterToken token = token(flags, env);
        Path dataDir = setting("data-dir", flags, env).map(source -> source.apply(Path::of).toAbsolutePath().normalize())
                .orElseGet(() -> AgentConfig.defaultDataDir(user, home));
        Optional<String> nodeName = setting("node-name", flags, env)
                .map(source -> source.apply(name -> NodeNames.check(name, "the node name")));
        Duration leaseDuration = duration(flags, "node-lease-duration", AgentConfig.DEFAULT_LEASE_DURATION);
        Duration renewInterval = duration(flags, "node-lease-renew-interval", AgentConfig.DEFAULT_LEASE_RENEW_INTERVAL);
        try {
            return new AgentConfig(serverUrl, token, dataDir, nodeName, withNodeId, labels, leaseDuration, renewInterval,
                    AgentConfig.DEFAULT_NODE_STATUS_REPORT_INTERVAL);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A setting's value and where it came from, for the error message. */
    private record Source(String origin, String value) {

        <T> T apply(java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(origin + ": " + e.getMessage());
            }
        }
    }

    private static Optional<Source> setting(String flag, Map<String, String> flags, Map<String, String> env) {
        if (flags.containsKey(flag)) {
            return Optional.of(new Source("--" + flag, flags.get(flag)));
        }
        String variable = VARIABLES.get(flag);
        String value = env.get(variable);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(new Source(variable, value));
    }

    /** {@code --token} or {@code --token-file}: either flag beats both variables. */
    private static ClusterToken token(Map<String, String> flags, Map<String, String> env) {
        if (flags.containsKey("token") && flags.containsKey("token-file")) {
            throw new UsageException("use either --token or --token-file, not both");
        }
        Optional<Source> token;
        Optional<Source> file;
        if (flags.containsKey("token") || flags.containsKey("token-file")) {
            token = setting("token", flags, Map.of());
            file = setting("token-file", flags, Map.of());
        } else {
            token = setting("token", flags, env);
            file = setting("token-file", flags, env);
            if (token.isPresent() && file.isPresent()) {
                throw new UsageException("set either K3J_TOKEN or K3J_TOKEN_FILE, not both");
            }
        }
        if (file.isPresent()) {
            String content = file.get().apply(AgentFlags::readTokenFile);
            return new Source(file.get().origin() + " " + file.get().value(), content).apply(ClusterToken::parse);
        }
        return token.orElseThrow(() -> new UsageException("--token or --token-file (or K3J_TOKEN) is required"))
                .apply(ClusterToken::parse);
    }

    private static String readTokenFile(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file: " + e.getMessage());
        }
    }

    private static Duration duration(Map<String, String> flags, String flag, Duration fallback) {
        return Optional.ofNullable(flags.get(flag)).map(value -> new Source("--" + flag, value).apply(GoDurations::parse))
                .orElse(fallback);
    }

    /** {@code [prefix/]name=value}, with Kubernetes' rules for label keys and values. */
    private static void addLabel(Map<String, String> labels, String label) {
        int equals = label.indexOf('=');
        if (equals <= 0) {
            throw new UsageException("--node-label '" + label + "' is not KEY=VALUE");
        }
        String key = label.substring(0, equals);
        String value = label.substring(equals + 1);
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        String name = key.substring(slash + 1);
        if ((slash >= 0 && !NodeNames.isValid(prefix)) || !LABEL_NAME.matcher(name).matches()) {
            throw new UsageException("--node-label '" + label + "': '" + key + "' is not a valid label key");
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            throw new UsageException("--node-label '" + label + "': '" + value + "' is not a valid label value"
                    + " (at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)");
        }
        labels.put(key, value);
    }
}
