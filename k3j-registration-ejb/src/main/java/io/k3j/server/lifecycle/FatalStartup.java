package io.k3j.server.lifecycle;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends a start that cannot succeed with one clear line rather than a server that runs without
 * its application. Payara Micro keeps running when a deployment fails, so by default the JVM
 * is halted; on a full server ({@code k3j.exit-on-fatal=false}) only the deployment fails.
 */
public final class FatalStartup {

    private static final Logger LOG = Logger.getLogger(FatalStartup.class.getName());

    private final PrintStream stderr;
    private final IntConsumer halt;

    /** Writes to the process's real standard error, which the server may have redirected into its log. */
    public FatalStartup() {
        this(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
                status -> Runtime.getRuntime().halt(status));
    }

    FatalStartup(PrintStream stderr, IntConsumer halt) {
        this.stderr = stderr;
        this.halt = halt;
    }

    /**
     * Reports a failed start: one log line, one line {@code k3j: <message>} on standard error,
     * then the JVM halts with status 1 if {@code exitOnFatal}.
     *
     * @return the exception to throw so that the deployment fails, when the JVM goes on
     */
    public StartupException fail(String message, Throwable cause, boolean exitOnFatal) {
        String line = oneLine(message);
        LOG.severe("k3j cannot start: " + line);
        if (cause != null) {
            LOG.log(Level.FINE, "cause of the failed start", cause);
        }
        stderr.println("k3j: " + line);
        stderr.flush();
        if (exitOnFatal) {
            flushLogs();
            // halt, not exit: shutdown hooks would wait for the deployment that is calling us
            halt.accept(1);
        }
        return new StartupException(line, cause);
    }

    /** A throwable's message for a one-line report, falling back to its type. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : oneLine(message);
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static void flushLogs() {
        for (Logger logger = LOG; logger != null; logger = logger.getParent()) {
            for (Handler handler : logger.getHandlers()) {
                handler.flush();
            }
        }
    }
}
