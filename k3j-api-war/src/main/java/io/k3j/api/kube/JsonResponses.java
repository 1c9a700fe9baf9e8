package io.k3j.api.kube;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** JSON responses with a plain application/json type. */
final class JsonResponses {

    private JsonResponses() {
    }

    /**
     * A 200 with a JSON body. The type is set here, not negotiated: negotiation would copy
     * parameters of the Accept header (such as {@code as=APIGroupDiscoveryList}) into the
     * Content-Type, and clients would then read the body as a type it is not.
     */
    static Response ok(JsonObject body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
