package io.k3j.launcher.localagent;

import io.k3j.agent.log.OneLineFormatter;
import java.io.OutputStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The local agent's log: the agent's one-line records, each line prefixed, so that they stand out
 * in the server's log on the same stdout.
 */
final class PrefixedLog extends Formatter {

    /** Held, as JUL keeps loggers only weakly and would forget the level. */
    private static final Logger LIBRARIES = Logger.getLogger("org.glassfish");

    private final Formatter lines = new OneLineFormatter();
    private final String prefix;

    PrefixedLog(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public String format(LogRecord record) {
        String text = lines.format(record);
        String separator = System.lineSeparator();
        String body = text.endsWith(separator) ? text.substring(0, text.length() - separator.length()) : text;
        return prefix + body.replace(separator, separator + prefix) + separator;
    }

    /** Makes the root logger write prefixed one-line records to {@code out}; libraries speak up on warnings only. */
    static void install(OutputStream out, String prefix) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Handler handler = new StreamHandler(out, new PrefixedLog(prefix)) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        LIBRARIES.setLevel(Level.WARNING);
    }
}
