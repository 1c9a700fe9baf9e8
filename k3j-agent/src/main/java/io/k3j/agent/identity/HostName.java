package io.k3j.agent.identity;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** This machine's host name, lower-cased: the kernel's, without a DNS lookup where Linux tells it. */
public final class HostName {

    private HostName() {
    }

    public static String local() {
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!kernel.isEmpty()) {
                return kernel.toLowerCase(Locale.ROOT);
            }
        } catch (IOException e) {
            // not Linux
        }
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "localhost";
        }
    }
}
