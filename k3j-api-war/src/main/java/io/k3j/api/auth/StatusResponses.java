package io.k3j.api.auth;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.status.Status;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers a request that a filter refuses, with a Status, before any endpoint sees it. */
public final class StatusResponses {

    private StatusResponses() {
    }

    public static void send(HttpServletResponse response, Status status) throws IOException {
        byte[] body = JsonSupport.toBytes(status.toJson());
        response.setStatus(status.code());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
