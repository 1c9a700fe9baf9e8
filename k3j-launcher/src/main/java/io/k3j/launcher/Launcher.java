package io.k3j.launcher;

import io.k3j.server.config.ServerConfig;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands of {@code bin/k3j}. Each either prints text (help) or writes a {@link Plan} that
 * {@code bin/k3j} then runs in its own place.
 */
final class Launcher {

    static final String USAGE = """
            Usage: k3j COMMAND [ARGS]

            Commands:
              server    run a server (k3j server --help for its flags)
              agent     run an agent (not implemented yet)
              kubectl   run kubectl with the server's admin kubeconfig, <data-dir>/k3j.yaml
            """;

    private final Map<String, String> env;
    private final Layout layout;
    private final PrintStream out;
    private final PrintStream err;

    Launcher(Map<String, String> env, Layout layout, PrintStream out, PrintStream err) {
        this.env = env;
        this.layout = layout;
        this.out = out;
        this.err = err;
    }

    /** Runs a command line; returns the exit status: 0, 1 when the command cannot run, 2 for a usage error. */
    int run(List<String> args) {
        try {
            String command = args.isEmpty() ? "--help" : args.get(0);
            List<String> rest = args.subList(Math.min(1, args.size()), args.size());
            switch (command) {
                case "--help", "-h", "help" -> out.print(USAGE);
                case "server" -> {
                    if (ServerFlags.wantsHelp(rest)) {
                        out.print(ServerCommand.USAGE);
                    } else {
                        write(ServerCommand.plan(rest, env, layout));
                    }
                }
                case "agent" -> write(new Plan(false, Map.of(),
                        concat(List.of(layout.java().toString(), "-cp", layout.agentJar().toString(), "io.k3j.agent.AgentMain"), rest)));
                case "kubectl" -> write(kubectl(rest));
                default -> throw new UsageException("k3j", "unknown command '" + command + "'");
            }
            out.flush();
            return 0;
        } catch (UsageException e) {
            err.println("k3j: " + e.getMessage());
            err.println("Run '" + e.command() + " --help' for usage.");
            return 2;
        } catch (LaunchException e) {
            err.println("k3j: " + e.getMessage());
            return 1;
        }
    }

    /** kubectl with {@code KUBECONFIG} set to the admin kubeconfig of the server's data dir. */
    private Plan kubectl(List<String> args) {
        Path dataDir = Optional.ofNullable(env.get(ServerFlags.variable("data-dir")))
                .filter(dir -> !dir.isBlank())
                .map(Path::of)
                .orElseGet(() -> ServerConfig.defaultDataDir(System.getProperty("user.name"), Path.of(System.getProperty("user.home"))));
        Path kubectl = onPath("kubectl").orElseThrow(() -> new LaunchException("kubectl is not on the PATH"));
        return new Plan(false, Map.of("KUBECONFIG", Optional.of(dataDir.resolve("k3j.yaml").toString())),
                concat(List.of(kubectl.toString()), args));
    }

    private Optional<Path> onPath(String program) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private void write(Plan plan) {
        out.writeBytes(plan.encode());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
