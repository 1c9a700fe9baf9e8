package io.k3j.agent.kube;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * An answer of the Kubernetes API.
 *
 * @param body the JSON object it sent; empty when it sent none or something else
 */
public record KubeResponse(int status, JsonObject body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The Status document's message, or the HTTP status, for a log line. */
    public String problem() {
        return body.get("message") instanceof JsonString message
                ? "HTTP " + status + ": " + message.getString()
                : "HTTP " + status;
    }
}
