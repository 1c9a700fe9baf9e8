package io.k3j.agent.node;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the node reports of the machine.
 *
 * @param cpus available processors
 * @param memoryKi total physical memory in KiB
 * @param osImage {@code PRETTY_NAME} of {@code /etc/os-release}
 * @param architecture in Go's words ({@code amd64}, {@code arm64}), as Kubernetes clients expect
 */
public record MachineInfo(int cpus, long memoryKi, String osImage, String kernelVersion, String architecture,
        String operatingSystem) {

    public static MachineInfo detect() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), totalMemoryKi(), osImage(Path.of("/etc/os-release")),
                System.getProperty("os.version"), goArch(System.getProperty("os.arch")),
                System.getProperty("os.name").toLowerCase(Locale.ROOT));
    }

    static String goArch(String javaArch) {
        return switch (javaArch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> javaArch;
        };
    }

    /** {@code MemTotal} of {@code /proc/meminfo}, as the kubelet reports it; else what the JVM knows. */
    private static long totalMemoryKi() {
        return memTotalKi(Path.of("/proc/meminfo")).orElseGet(() -> {
            var os = ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getTotalMemorySize() / 1024 : 0L;
        });
    }

    static Optional<Long> memTotalKi(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    String[] fields = line.substring("MemTotal:".length()).trim().split("\\s+");
                    return Optional.of(Long.parseLong(fields[0]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or unreadable: the JVM's view
        }
        return Optional.empty();
    }

    static String osImage(Path osRelease) {
        try {
            List<String> lines = Files.readAllLines(osRelease);
            for (String line : lines) {
                if (line.startsWith("PRETTY_NAME=")) {
                    String value = line.substring("PRETTY_NAME=".length()).strip();
                    return value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))
                            ? value.substring(1, value.length() - 1)
                            : value;
                }
            }
        } catch (IOException e) {
            // no os-release
        }
        return System.getProperty("os.name");
    }
}
