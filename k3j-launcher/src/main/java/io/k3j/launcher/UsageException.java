package io.k3j.launcher;

/** The command line is wrong; exit status 2, with a hint to the usage. */
class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String command;

    /** @param command the command whose usage helps, such as {@code k3j server} */
    UsageException(String command, String message) {
        super(message);
        this.command = command;
    }

    String command() {
        return command;
    }
}
