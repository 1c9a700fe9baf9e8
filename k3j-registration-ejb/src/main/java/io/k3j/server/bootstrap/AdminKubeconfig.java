package io.k3j.server.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The admin kubeconfig, named {@code default} throughout as K3s names it. Its credential is
 * derived from the cluster token, so that every server of a cluster can write the same file
 * without the credential being stored anywhere.
 */
public final class AdminKubeconfig {

    private AdminKubeconfig() {
    }

    /** HMAC-SHA256 of {@code k3j-admin} keyed with the token, base64url without padding. */
    public static String credential(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal("k3j-admin".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * The API address that local clients use: the bind address, or loopback when the server
     * listens on every address; {@code https} when the server has a CA, plain {@code http}
     * only for a server started without the launcher's TLS material.
     */
    public static String serverUrl(String bindAddress, boolean anyAddress, int port, boolean tls) {
        String host = anyAddress ? "127.0.0.1" : bindAddress;
        return (tls ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The YAML of the admin kubeconfig.
     *
     * @param caCertificate the cluster CA's certificate (PEM) that clients are to trust, if there is one
     */
    public static String yaml(String serverUrl, String token, Optional<String> caCertificate) {
        String authority = caCertificate
                .map(pem -> "    certificate-authority-data: "
                        + Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)) + "\n")
                .orElse("");
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                %s    server: %s
                  name: default
                contexts:
                - context:
                    cluster: default
                    user: default
                  name: default
                current-context: default
                preferences: {}
                users:
                - name: default
                  user:
                    token: %s
                """.formatted(authority, serverUrl, credential(token));
    }
}
