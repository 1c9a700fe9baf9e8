package io.k3j.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The API lives at the root path, where Kubernetes clients look for it. */
@ApplicationPath("/")
public class K3jApplication extends Application {

    /**
     * No response buffering, so that every flush of a watch stream reaches the client at once
     * rather than after the buffer fills; responses are chunked.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.contentLength.buffer", 0);
    }
}
