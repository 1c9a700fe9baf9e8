package io.k3j.agent.log;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's log: one line per event, each naming the node, so that several agents in one JVM
 * (tests, simulators) stay apart. Never given a token or password.
 */
public final class AgentLog {

    private static final Logger LOGGER = Logger.getLogger("io.k3j.agent");

    private final String prefix;

    public AgentLog(String nodeName) {
        this.prefix = "[" + nodeName + "] ";
    }

    public void info(String message) {
        LOGGER.info(prefix + message);
    }

    public void warning(String message) {
        LOGGER.warning(prefix + message);
    }

    public void fine(String message) {
        if (LOGGER.isLoggable(Level.FINE)) {
            LOGGER.fine(prefix + message);
        }
    }
}
