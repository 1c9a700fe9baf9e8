package io.k3j.agent;

/** The command line is wrong: one line on stderr, exit status 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
