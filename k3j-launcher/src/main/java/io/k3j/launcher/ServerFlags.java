package io.k3j.launcher;

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
 * {@code K3J_X_Y}; a flag beats its variable.
 */
final class ServerFlags {

    static final String COMMAND = "k3j server";

    /** Flags that take a value, each the name of a server setting. */
    static final List<String> VALUE_FLAGS = List.of("data-dir", "https-listen-port", "bind-address", "advertise-address",
            "datastore-endpoint", "token", "token-file", "write-kubeconfig", "plugins-dir");

    /** No local agent runs yet, so this switch promises what already happens. */
    static final String DISABLE_AGENT = "disable-agent";

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
        Map<String, String> flags = flags(args);
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
                if (VALUE_FLAGS.contains(name) && !(tokenSetting && tokenFlag) && env.containsKey(variable(name))) {
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
            if (name.equals(DISABLE_AGENT)) {
                if (value != null && !value.equals("true")) {
                    throw new UsageException(COMMAND, "--" + DISABLE_AGENT + " takes no value");
                }
                continue;
            }
            if (!VALUE_FLAGS.contains(name)) {
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
