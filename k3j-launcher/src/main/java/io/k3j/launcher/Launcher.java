package io.k3j.launcher;

import io.k3j.server.config.ServerConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The commands of {@code bin/k3j}. Each either prints text (help) or writes a {@link Plan} that
 * {@code bin/k3j} then runs in its own place.
 */
final class Launcher {

    static final String USAGE = """
            Usage: k3j COMMAND [ARGS]

            Commands:
              server    run a server (k3j server --help for its flags)
              agent     run an agent (k3j agent --help for its flags)
              kubectl   run kubectl with the server's admin kubeconfig, <data-dir>/k3j.yaml
                        (k3j kubectl [--data-dir DIR] ARGS...; the data dir as for server)
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
                case "agent" -> write(AgentCommand.plan(rest, layout));
                case "kubectl" -> write(KubectlCommand.plan(rest, env,
                        ServerConfig.defaultDataDir(System.getProperty("user.name"), Path.of(System.getProperty("user.home")))));
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

    private void write(Plan plan) {
        out.writeBytes(plan.encode());
    }
}
