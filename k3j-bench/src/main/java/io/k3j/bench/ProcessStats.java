package io.k3j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What /proc tells about the server under measurement: its processes, memory, CPU time and the machine's load. */
final class ProcessStats {

    private ProcessStats() {
    }

    /** Linux's USER_HZ, the unit of the CPU times in /proc. */
    private static final double TICKS_PER_SECOND = 100;

    /** CPU time (user and system) of processes, in seconds, from /proc. */
    static double cpuSeconds(List<ProcessHandle> processes) throws IOException {
        long total = 0;
        for (ProcessHandle p : processes) {
            Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
            if (Files.exists(stat)) {
                String line = Files.readString(stat);
                // the fields after the command, which is in parentheses and may hold spaces: utime and stime
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        }
        return total / TICKS_PER_SECOND;
    }

    /** The resident memory of a process and everything it started, from /proc. */
    static long residentKb(ProcessHandle process) throws IOException {
        long total = 0;
        for (ProcessHandle p : tree(process)) {
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            if (Files.exists(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        total += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            }
        }
        return total;
    }

    static List<ProcessHandle> tree(ProcessHandle process) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process);
        process.descendants().forEach(all::add);
        return all;
    }

    static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
