package io.k3j.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The Java half of {@code bin/k3j}: checks the command line and tells the script what to run. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        int status;
        try {
            status = new Launcher(System.getenv(), Layout.fromSystemProperties(), out, System.err).run(List.of(args));
        } catch (LaunchException e) {
            System.err.println("k3j: " + e.getMessage());
            status = 1;
        }
        out.flush();
        System.exit(status);
    }
}
