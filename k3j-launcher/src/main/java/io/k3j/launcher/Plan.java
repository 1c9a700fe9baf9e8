package io.k3j.launcher;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code bin/k3j} is to {@code exec}, so that the command it runs (the server's JVM) is the
 * foreground process that gets the signals, with no launcher JVM left in between.
 *
 * <p>Written as NUL-terminated fields: the kind ({@code server} or {@code run}), the number of
 * environment changes, the changes ({@code NAME=VALUE} sets, a bare {@code NAME} unsets); for a
 * server the number of fields of the local agent's command line (0 for none) and those fields;
 * then the command line.
 *
 * @param server whether the command is the server, whose standard error {@code bin/k3j} splits:
 *     its log goes to stdout, its {@code k3j: } lines stay on stderr
 * @param environment variables to set, or to unset when empty; secrets travel here, never in
 *     the command line that {@code ps} shows
 * @param localAgent the server's local agent, which {@code bin/k3j} starts first as a child that
 *     ends when its standard input (a pipe the server holds) closes; empty for none. It does not
 *     get the environment changes, which are the server's.
 * @param command the command line
 */
record Plan(boolean server, Map<String, Optional<String>> environment, List<String> localAgent, List<String> command) {

    Plan {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        localAgent = List.copyOf(localAgent);
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        if (!server && !localAgent.isEmpty()) {
            throw new IllegalArgumentException("only a server has a local agent");
        }
    }

    Plan(boolean server, Map<String, Optional<String>> environment, List<String> command) {
        this(server, environment, List.of(), command);
    }

    byte[] encode() {
        List<String> fields = new ArrayList<>();
        fields.add(server ? "server" : "run");
        fields.add(Integer.toString(environment.size()));
        environment.forEach((name, value) -> fields.add(value.map(v -> name + "=" + v).orElse(name)));
        if (server) {
            fields.add(Integer.toString(localAgent.size()));
            fields.addAll(localAgent);
        }
        fields.addAll(command);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : fields) {
            if (field.indexOf('\0') >= 0) {
                throw new LaunchException("a setting holds a NUL character");
            }
            out.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** Names the variables but not their values, which may be secrets. */
    @Override
    public String toString() {
        return "Plan[server=" + server + ", environment=" + environment.keySet() + ", localAgent=" + String.join(" ", localAgent)
                + ", command=" + String.join(" ", command) + "]";
    }
}
