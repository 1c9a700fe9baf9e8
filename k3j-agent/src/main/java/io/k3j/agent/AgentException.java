package io.k3j.agent;

/** The agent cannot run or go on; the message is the one line the user sees. */
public class AgentException extends Exception {

    private static final long serialVersionUID = 1L;

    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
