package io.k3j.launcher;

import io.k3j.server.config.ServerConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code k3j kubectl [--data-dir DIR] ARGS...}: kubectl with {@code KUBECONFIG} set to the admin
 * kubeconfig that the server writes into its data dir, found as {@code k3j server} finds the
 * data dir: the flag, then {@code K3J_DATA_DIR}, then the default.
 */
final class KubectlCommand {

    static final String COMMAND = "k3j kubectl";

    /** Where usage errors point: k3j's own usage, as {@code k3j kubectl --help} is kubectl's. */
    private static final String USAGE_COMMAND = "k3j";

    private static final String DATA_DIR = "--data-dir";

    private KubectlCommand() {
    }

    /**
     * @param defaultDataDir the data dir when neither flag nor variable names one
     * @throws UsageException for a {@code --data-dir} without a value
     * @throws LaunchException when kubectl is not on the PATH or the kubeconfig cannot be read
     */
    static Plan plan(List<String> args, Map<String, String> env, Path defaultDataDir) {
        List<String> kubectlArgs = new ArrayList<>();
        Optional<String> dataDirFlag = Optional.empty();
        // kubectl has no --data-dir of its own; after "--" every argument is the command's that kubectl runs
        boolean flagsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            flagsEnded |= arg.equals("--");
            if (!flagsEnded && arg.equals(DATA_DIR)) {
                if (i + 1 == args.size()) {
                    throw new UsageException(USAGE_COMMAND, COMMAND + ": flag " + DATA_DIR + " needs a value");
                }
                dataDirFlag = Optional.of(args.get(++i));
            } else if (!flagsEnded && arg.startsWith(DATA_DIR + "=")) {
                dataDirFlag = Optional.of(arg.substring(DATA_DIR.length() + 1));
            } else {
                kubectlArgs.add(arg);
            }
        }
        Path dataDir = dataDirFlag.or(() -> Optional.ofNullable(env.get(ServerFlags.variable("data-dir"))))
                .filter(dir -> !dir.isBlank())
                .map(KubectlCommand::path)
                .orElse(defaultDataDir);

        Path kubectl = onPath("kubectl", env).orElseThrow(() -> new LaunchException(
                "kubectl is not on the PATH; install kubectl to use '" + COMMAND + "'"));
        Path kubeconfig = dataDir.resolve("k3j.yaml");
        if (!Files.isRegularFile(kubeconfig)) {
            throw new LaunchException("no admin kubeconfig at " + kubeconfig
                    + "; start the server first, or give its data dir with --data-dir (K3J_DATA_DIR)");
        }
        if (!Files.isReadable(kubeconfig)) {
            throw new LaunchException("cannot read the admin kubeconfig " + kubeconfig
                    + ": permission denied; run as the user that runs the server");
        }
        List<String> command = new ArrayList<>(List.of(kubectl.toString()));
        command.addAll(kubectlArgs);
        return new Plan(false, Map.of("KUBECONFIG", Optional.of(kubeconfig.toString())), command);
    }

    private static Path path(String value) {
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new UsageException(USAGE_COMMAND, COMMAND + ": " + DATA_DIR + " is not a path: " + value);
        }
    }

    private static Optional<Path> onPath(String program, Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
