package io.k3j.agent;

import io.k3j.agent.log.OneLineFormatter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code k3j agent}: runs one agent in the foreground until it is stopped (exit 0) or refused
 * (one line {@code k3j-agent: <message>}, exit 1); a bad command line exits with 2.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (AgentFlags.wantsHelp(args)) {
            out.print(AgentFlags.USAGE);
            out.flush();
            return 0;
        }
        AgentConfig config;
        try {
            config = AgentFlags.parse(args, env, System.getProperty("user.name"), Path.of(System.getProperty("user.home")));
        } catch (UsageException e) {
            err.println("k3j-agent: " + e.getMessage() + " (see k3j agent --help)");
            return 2;
        }
        OneLineFormatter.install();
        Agent agent = new Agent(config);
        AtomicBoolean stopped = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.set(true);
            agent.close();
        }, "k3j-agent-shutdown"));
        try {
            agent.start();
            agent.termination().join();
            return 0;
        } catch (AgentException e) {
            // stopped by a signal while it waited for the server: nothing went wrong
            if (!stopped.get()) {
                err.println("k3j-agent: " + e.getMessage());
            }
            return 1;
        } catch (CompletionException e) {
            err.println("k3j-agent: " + e.getCause().getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            agent.close();
        }
    }
}
