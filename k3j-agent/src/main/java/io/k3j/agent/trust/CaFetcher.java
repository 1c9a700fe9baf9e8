package io.k3j.agent.trust;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Fetches {@code GET /cacerts}, which needs no credential. Nothing is trusted yet, so this one
 * request accepts any server certificate; it sends no secret, and its answer is then checked
 * against the token's hash ({@link ClusterCa#verify}) or trusted on first use.
 */
public final class CaFetcher {

    /** More than any CA bundle; a server that sends more is not a k3j server. */
    private static final int MAX_BYTES = 1 << 20;

    private CaFetcher() {
    }

    /**
     * @throws IOException when the server cannot be reached or does not answer 200; worth a retry
     * @throws TrustException when the answer does not match the token
     */
    public static ClusterCa fetch(URI server, ClusterToken token, Duration timeout) throws IOException, TrustException {
        HttpsURLConnection connection = (HttpsURLConnection) server.resolve("/cacerts").toURL().openConnection();
        connection.setSSLSocketFactory(acceptingAnyCertificate().getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setConnectTimeout((int) timeout.toMillis());
        connection.setReadTimeout((int) timeout.toMillis());
        connection.setInstanceFollowRedirects(false);
        try {
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("GET " + server + "/cacerts answered HTTP " + status);
            }
            try (InputStream body = connection.getInputStream()) {
                byte[] pem = body.readNBytes(MAX_BYTES + 1);
                if (pem.length > MAX_BYTES) {
                    throw new TrustException("the server's /cacerts answer is larger than " + MAX_BYTES + " bytes");
                }
                return ClusterCa.verify(pem, token.caHash());
            }
        } finally {
            connection.disconnect();
        }
    }

    private static SSLContext acceptingAnyCertificate() {
        TrustManager acceptAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context: " + e.getMessage(), e);
        }
    }
}
