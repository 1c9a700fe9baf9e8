package io.k3j.agent;

/** The agent's entry point; a placeholder until the agent exists. */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.err.println("k3j: the agent is not implemented yet");
        // 2, as for a command line that cannot be served
        System.exit(2);
    }
}
