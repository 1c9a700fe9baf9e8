package io.k3j.launcher;

import java.nio.file.Path;

/**
 * Where {@code bin/k3j} found things.
 *
 * @param home the k3j directory, holding {@code bin/} and {@code plugins/}
 * @param lib the built artifacts: {@code payara-micro.jar}, {@code k3j.war}, {@code k3j-agent.jar}
 * @param javaHome the JDK that runs the launcher, and the commands it starts
 */
record Layout(Path home, Path lib, Path javaHome) {

    /** From the system properties {@code k3j.home} and {@code k3j.lib} that {@code bin/k3j} sets. */
    static Layout fromSystemProperties() {
        String home = System.getProperty("k3j.home");
        String lib = System.getProperty("k3j.lib");
        if (home == null || lib == null) {
            throw new LaunchException("run k3j through bin/k3j (the system properties k3j.home and k3j.lib are missing)");
        }
        return new Layout(Path.of(home), Path.of(lib), Path.of(System.getProperty("java.home")));
    }

    Path java() {
        return javaHome.resolve("bin").resolve("java");
    }

    Path payaraMicro() {
        return lib.resolve("payara-micro.jar");
    }

    Path war() {
        return lib.resolve("k3j.war");
    }

    Path agentJar() {
        return lib.resolve("k3j-agent.jar");
    }

    /** Also holds the server's local agent's main class. */
    Path launcherJar() {
        return lib.resolve("k3j-launcher.jar");
    }

    /** Plugin jars dropped here are loaded at the next start. */
    Path pluginsDir() {
        return home.resolve("plugins");
    }
}
