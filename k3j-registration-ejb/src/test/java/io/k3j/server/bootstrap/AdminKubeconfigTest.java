package io.k3j.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminKubeconfigTest {

    @Test
    void theCredentialIsHmacSha256OfTheTokenInBase64Url() {
        // python3: base64.urlsafe_b64encode(hmac.new(b'secret-token', b'k3j-admin', hashlib.sha256).digest())
        assertEquals("zAHRaLbsDXUKe-teVe5SVjkGgRg4kxXGq_w9okUVKJk", AdminKubeconfig.credential("secret-token"));
        assertNotEquals(AdminKubeconfig.credential("secret-token"), AdminKubeconfig.credential("other-token"));
    }

    @Test
    void localClientsUseLoopbackUnlessTheServerListensOnOneAddress() {
        assertEquals("https://127.0.0.1:6443", AdminKubeconfig.serverUrl("0.0.0.0", true, 6443, true));
        assertEquals("https://10.1.2.3:7443", AdminKubeconfig.serverUrl("10.1.2.3", false, 7443, true));
        assertEquals("https://[::1]:6443", AdminKubeconfig.serverUrl("::1", false, 6443, true));
        assertEquals("http://127.0.0.1:6443", AdminKubeconfig.serverUrl("0.0.0.0", true, 6443, false));
    }

    @Test
    void theKubeconfigNamesEverythingDefaultAndCarriesTheCredentialNotTheToken() {
        String yaml = AdminKubeconfig.yaml("http://127.0.0.1:6443", "secret-token", Optional.empty());

        assertTrue(yaml.contains("- cluster:\n    server: http://127.0.0.1:6443\n  name: default\n"), yaml);
        assertTrue(yaml.contains("current-context: default\n"), yaml);
        assertTrue(yaml.contains("- name: default\n  user:\n    token: zAHRaLbsDXUKe-teVe5SVjkGgRg4kxXGq_w9okUVKJk\n"), yaml);
        assertFalse(yaml.contains("secret-token"), yaml);
    }

    @Test
    void theClusterCarriesTheCaThatClientsTrust() {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        String yaml = AdminKubeconfig.yaml("https://127.0.0.1:6443", "secret-token", Optional.of(pem));

        String data = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        assertTrue(yaml.contains("- cluster:\n    certificate-authority-data: " + data
                + "\n    server: https://127.0.0.1:6443\n  name: default\n"), yaml);
    }
}
