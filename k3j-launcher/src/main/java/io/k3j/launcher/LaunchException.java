package io.k3j.launcher;

/** The command line is fine but the command cannot run, such as for a used port; exit status 1. */
class LaunchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
        super(message);
    }
}
