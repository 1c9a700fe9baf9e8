package io.k3j.api.kube;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The URLs a watch can be upgraded to a WebSocket on: every collection and single-object watch
 * form, under the core group and under named groups. Other upgrade requests find no endpoint.
 */
public class WatchSocketPaths implements ServerApplicationConfig {

    private static final String[] GROUP_VERSIONS = {"/api/{version}", "/apis/{group}/{version}"};

    private static final String[] WATCH_PATHS = {
        "/{plural}", "/namespaces/{namespace}/{plural}",
        "/watch/{plural}", "/watch/namespaces/{namespace}/{plural}",
        "/watch/{plural}/{name}", "/watch/namespaces/{namespace}/{plural}/{name}",
    };

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Stream.of(GROUP_VERSIONS).flatMap(gv -> Stream.of(WATCH_PATHS).map(path -> gv + path))
                .map(path -> ServerEndpointConfig.Builder.create(WatchSocket.class, path).build())
                .collect(Collectors.toSet());
    }

    /** Annotated endpoints (such as the agents' connection) are deployed as scanned. */
    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned;
    }
}
