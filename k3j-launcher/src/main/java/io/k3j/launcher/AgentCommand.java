package io.k3j.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code k3j agent}: the agent's own JVM, small and quick to start; the agent checks its flags
 * itself. A token given on the command line moves into the environment, which {@code ps} does
 * not show.
 */
final class AgentCommand {

    /**
     * The agent is a small, long-lived client: at most 64 MB of heap, starting at 8 MB (it uses
     * little, and a heap committed whole would cost 13 MB of RSS more: 79 against 66 MB, measured),
     * serial GC, and C1 only, as its work (a few requests every ten seconds) never warms C2 up.
     */
    static final List<String> JVM_OPTIONS = List.of(
            "-Xms8m", "-Xmx64m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    static final String MAIN_CLASS = "io.k3j.agent.AgentMain";
    private static final String TOKEN = "--token";
    private static final String TOKEN_VARIABLE = "K3J_TOKEN";

    private AgentCommand() {
    }

    static Plan plan(List<String> args, Layout layout) {
        List<String> agentArgs = new ArrayList<>();
        Optional<String> token = Optional.empty();
        boolean tokenFile = args.stream().anyMatch(arg -> arg.equals("--token-file") || arg.startsWith("--token-file="));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            // with --token-file as well, the agent is to say that both were given: left as they are
            if (!tokenFile && arg.equals(TOKEN) && i + 1 < args.size()) {
                token = Optional.of(args.get(++i));
            } else if (!tokenFile && arg.startsWith(TOKEN + "=")) {
                token = Optional.of(arg.substring(TOKEN.length() + 1));
            } else {
                agentArgs.add(arg);
            }
        }
        Map<String, Optional<String>> environment = new LinkedHashMap<>();
        // the flag beats the variable, and so does its value moved there
        token.ifPresent(value -> environment.put(TOKEN_VARIABLE, Optional.of(value)));

        List<String> command = new ArrayList<>();
        command.add(layout.java().toString());
        command.addAll(JVM_OPTIONS);
        // the jar's manifest names its dependencies beside it in lib/
        command.addAll(List.of("-cp", layout.agentJar().toString(), MAIN_CLASS));
        command.addAll(agentArgs);
        return new Plan(false, environment, command);
    }
}
