package io.k3j.launcher;

import io.k3j.agent.identity.NodeNames;
import io.k3j.server.config.ConfigException;
import io.k3j.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The flags of {@code k3j server}, named as K3s names them. Each flag {@code --x-y} sets the
 * server setting {@code k3j.x-y} and can also be given as the environment variable
 * {@code K3J_X_Y}; a flag beats its variable. {@code --node-name}, {@code --with-node-id} and
 * {@code --disable-agent} are about the local agent instead.
 */
final class ServerFlags {

    static final String COMMAND = "k3j server";

    /** Flags that take a value, each the name of a server setting. */
    static final List<String> VALUE_FLAGS = List.of("data-dir", "https-listen-port", "bind-address", "advertise-address",
            "datastore-endpoint", "token", "token-file", "write-kubeconfig", "plugins-dir", "service-cidr", "cluster-cidr");

    /** Flags of the local agent rather than of the server; {@code --node-name} also reads {@code K3J_NODE_NAME}. */
    static final String NODE_NAME = "node-name";
    static final String WITH_NODE_ID = "with-node-id";
    static final String DISABLE_AGENT = "disable-agent";
    private static final List<String> SWITCHES = List.of(DISABLE_AGENT, WITH_NODE_ID);
    /**
     * Settings with a variable but no flag (K3s passes them to the controller manager); the launcher
     * reads them as well, since the local agent's lease follows the grace period.
     */
    static final List<String> VARIABLE_ONLY = List.of("node-monitor-period", "node-monitor-grace-period");

    /**
     * What {@code k3j server} is to run.
     *
     * @param config the server's settings
     * @param localAgent the local agent's node naming; empty with {@code --disable-agent}
     */
    record Parsed(ServerConfig config, Optional<LocalAgentNaming> localAgent) {
    }

    /**
     * How the local agent names its node, as {@code k3j agent} does.
     *
     * @param nodeName {@code --node-name}; the host name when empty
     * @param withNodeId {@code --with-node-id}
     */
    record LocalAgentNaming(Optional<String> nodeName, boolean withNodeId) {
    }

    private ServerFlags() {
    }

    /** Whether the arguments ask for help rather than a server. */
    static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /**
     * Reads the flags, then the environment for the settings no flag gave.
     *
     * @param defaultDataDir the data dir when neither flag nor variable names one
     * @param defaultPluginsDir the plugins folder likewise
     * @throws UsageException naming the bad flag or variable
     */
    static ServerConfig parse(List<String> args, Map<String, String> env, Path defaultDataDir, Path defaultPluginsDir) {
        return parseAll(args, env, defaultDataDir, defaultPluginsDir).config();
    }

    /** {@link #parse} and the local agent's flags too. */
    static Parsed parseAll(List<String> args, Map<String, String> env, Path defaultDataDir, Path defaultPluginsDir) {
        Map<String, String> flags = flags(args);
        ServerConfig config = serverConfig(flags, env, defaultDataDir, defaultPluginsDir);
        if ("true".equals(flags.get(DISABLE_AGENT))) {
            return new Parsed(config, Optional.empty());
        }
        Optional<String> nodeName;
        if (flags.containsKey(NODE_NAME)) {
            nodeName = Optional.of(nodeName("--" + NODE_NAME, flags.get(NODE_NAME)));
        } else {
            nodeName = Optional.ofNullable(env.get(variable(NODE_NAME))).filter(name -> !name.isBlank())
                    .map(name -> nodeName(variable(NODE_NAME), name));
        }
        return new Parsed(config, Optional.of(new LocalAgentNaming(nodeName, "true".equals(flags.get(WITH_NODE_ID)))));
    }

    /** Checked here, so that a bad name stops the start rather than only the local agent. */
    private static String nodeName(String source, String name) {
        try {
            return NodeNames.check(name, source);
        } catch (IllegalArgumentException e) {
            throw new UsageException(COMMAND, e.getMessage());
        }
    }

    private static ServerConfig serverConfig(Map<String, String> flags, Map<String, String> env, Path defaultDataDir,
            Path defaultPluginsDir) {
        // the token and the token file are one setting: either flag beats both variables
        boolean tokenFlag = flags.containsKey("token") || flags.containsKey("token-file");
        if (flags.containsKey("token") && flags.containsKey("token-file")) {
            throw new UsageException(COMMAND, "use either --token or --token-file, not both");
        }

        Map<String, String> sources = new HashMap<>();
        try {
            return ServerConfig.from(key -> {
                String name = key.substring("k3j.".length());
                if (flags.containsKey(name)) {
                    sources.put(key, "--" + name);
                    return Optional.of(flags.get(name));
                }
                boolean tokenSetting = name.equals("token") || name.equals("token-file");
                boolean hasVariable = VALUE_FLAGS.contains(name) || VARIABLE_ONLY.contains(name);
                if (hasVariable && !(tokenSetting && tokenFlag) && env.containsKey(variable(name))) {
                    sources.put(key, variable(name));
                    return Optional.of(env.get(variable(name)));
                }
                return name.equals("plugins-dir") ? Optional.of(defaultPluginsDir.toString()) : Optional.empty();
            }, defaultDataDir);
        } catch (ConfigException e) {
            throw new UsageException(COMMAND, sources.getOrDefault(e.key(), e.key()) + ": " + e.problem());
        }
    }

    /** The environment variable of a flag: {@code data-dir} is read from {@code K3J_DATA_DIR}. */
    static String variable(String flag) {
        return "K3J_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Map<String, String> flags(List<String> args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException(COMMAND, "unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (SWITCHES.contains(name)) {
                // K3s's switches also take =true and =false
                if (value != null && !value.equals("true") && !value.equals("false")) {
                    throw new UsageException(COMMAND, "--" + name + " takes no value");
                }
                flags.put(name, value == null ? "true" : value);
                continue;
            }
            if (!VALUE_FLAGS.contains(name) && !name.equals(NODE_NAME)) {
                throw new UsageException(COMMAND, "unknown flag --" + name);
            }
            if (value == null) {
                if (i + 1 == args.size()) {
                    throw new UsageException(COMMAND, "flag --" + name + " needs a value");
                }
                value = args.get(++i);
            }
            flags.put(name, value);
        }
        return flags;
    }
}
