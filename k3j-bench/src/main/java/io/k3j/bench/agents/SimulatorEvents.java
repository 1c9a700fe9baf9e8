package io.k3j.bench.agents;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * What went wrong among the simulated nodes, counted: the agent classes' warnings (failed lease
 * renewals and status reports; they go to the simulator's log file, not stdout), tasks that
 * threw, and tunnels the server closed.
 */
final class SimulatorEvents extends Handler {

    private final AtomicInteger warnings = new AtomicInteger();
    private final AtomicInteger taskFailures = new AtomicInteger();
    private final AtomicInteger tunnelsDropped = new AtomicInteger();
    private final Handler file;

    SimulatorEvents(Handler file) {
        this.file = file;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.incrementAndGet();
        }
        file.publish(record);
    }

    void tunnelDropped(String node, String reason) {
        tunnelsDropped.incrementAndGet();
        file.publish(new LogRecord(Level.WARNING, "[" + node + "] tunnel closed: " + reason));
    }

    /** A heartbeat task that survives its own failure: a scheduled task that throws is never run again. */
    Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                taskFailures.incrementAndGet();
                file.publish(new LogRecord(Level.WARNING, "heartbeat task failed: " + e));
            }
        };
    }

    int warnings() {
        return warnings.get();
    }

    int taskFailures() {
        return taskFailures.get();
    }

    int tunnelsDropped() {
        return tunnelsDropped.get();
    }

    @Override
    public void flush() {
        file.flush();
    }

    @Override
    public void close() {
        file.close();
    }
}
