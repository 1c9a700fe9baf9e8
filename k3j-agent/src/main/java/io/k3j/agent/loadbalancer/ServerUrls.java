package io.k3j.agent.loadbalancer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Server addresses in one canonical form, {@code https://host:port}, so that the registration
 * address and the addresses the servers announce compare equal when they name the same server.
 */
public final class ServerUrls {

    private static final int HTTPS_PORT = 443;

    private ServerUrls() {
    }

    /**
     * @throws IllegalArgumentException with a one-line reason, for anything but an https URL
     *     with a host and at most the root path
     */
    public static URI normalize(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        return normalize(uri);
    }

    /** @see #normalize(String) */
    public static URI normalize(URI uri) {
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("https")) {
            throw new IllegalArgumentException("the server URL must start with https://: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the server URL names no host: " + uri);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("the server URL must be https://host[:port] only: " + uri);
        }
        try {
            return new URI("https", null, uri.getHost().toLowerCase(Locale.ROOT),
                    uri.getPort() < 0 ? HTTPS_PORT : uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + uri);
        }
    }

    /** The WebSocket address of a server's agent endpoint. */
    public static URI connectUri(URI server) {
        return URI.create("wss://" + server.getRawAuthority() + "/v1-k3j/connect");
    }
}
