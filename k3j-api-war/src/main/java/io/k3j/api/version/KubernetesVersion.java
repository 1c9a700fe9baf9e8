package io.k3j.api.version;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * What {@code /version} reports, in the shape of Kubernetes' {@code version.Info}. The Go fields
 * tell the Java truth: {@code goVersion} names the JVM.
 */
public record KubernetesVersion(String major, String minor, String gitVersion, String gitCommit, String gitTreeState,
        String buildDate, String goVersion, String compiler, String platform) {

    /** K3s marks its builds {@code +k3s1}; k3j marks its own likewise. */
    static final String BUILD_SUFFIX = "+k3j1";

    /** The version of this build, from the properties that the build wrote, and of this JVM. */
    public static KubernetesVersion current() {
        Properties build = new Properties();
        try (InputStream in = KubernetesVersion.class.getResourceAsStream("build.properties")) {
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build.properties", e);
        }
        return of(build, System::getProperty);
    }

    /**
     * @param build {@code kubernetes.version} (such as {@code 1.31.0}), {@code git.commit},
     *     {@code git.tree.state}, {@code build.date}
     * @param system the JVM's system properties
     */
    static KubernetesVersion of(Properties build, UnaryOperator<String> system) {
        String[] release = build.getProperty("kubernetes.version").split("\\.");
        return new KubernetesVersion(release[0], release[1],
                "v" + build.getProperty("kubernetes.version") + BUILD_SUFFIX,
                build.getProperty("git.commit", ""),
                build.getProperty("git.tree.state", ""),
                build.getProperty("build.date", ""),
                "java" + system.apply("java.version"),
                "javac",
                system.apply("os.name").toLowerCase(Locale.ROOT) + "/" + goArch(system.apply("os.arch")));
    }

    /** Java's names of machine architectures in Go's words, as clients expect them. */
    private static String goArch(String javaArch) {
        return switch (javaArch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> javaArch;
        };
    }

    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("major", major)
                .add("minor", minor)
                .add("gitVersion", gitVersion)
                .add("gitCommit", gitCommit)
                .add("gitTreeState", gitTreeState)
                .add("buildDate", buildDate)
                .add("goVersion", goVersion)
                .add("compiler", compiler)
                .add("platform", platform)
                .build();
    }
}
