package io.k3j.agent.kube;

import java.net.URI;

/** Picks the server each API request goes to: the client-side load balancer. */
public interface ServerSelector {

    /** The server for the next request: the current one while it is healthy, else another healthy one. */
    URI select();

    /** A request to {@code server} failed with an I/O error: the next request should go elsewhere. */
    void failed(URI server);
}
