package io.k3j.agent.tunnel;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Optional;

/** What the refusals of the handshake mean, for when the server's own Status message cannot be had. */
final class Refusals {

    private static final JsonProvider JSON = JsonProvider.provider();

    private Refusals() {
    }

    static RegistrationRefusedException meaning(int status, String nodeName) {
        String message = switch (status) {
            case 400 -> "the server refused the registration of node " + nodeName + " as malformed (HTTP 400)";
            case 401 -> "the server refused the token (HTTP 401); check --token";
            case 403 -> "the server refused node " + nodeName + " (HTTP 403): the name is registered with another node password;"
                    + " delete the node with 'kubectl delete node " + nodeName + "' or start the agent with --with-node-id";
            case 429 -> "the server has seen too many registration attempts (HTTP 429)";
            case 503 -> "the server is not ready (HTTP 503)";
            default -> "the server refused the registration with HTTP " + status;
        };
        return new RegistrationRefusedException(status, message);
    }

    /**
     * Whether a Status message is no more than the status's reason phrase, as Kubernetes' own
     * {@code Unauthorized}: the agent's sentence, which says what to check, tells the user more.
     */
    static boolean isOnlyTheReason(int status, String message) {
        String reason = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            default -> "";
        };
        return message.strip().equalsIgnoreCase(reason);
    }

    /** The {@code message} of a Kubernetes Status document; empty for anything else. */
    static Optional<String> statusMessage(String body) {
        try (var reader = JSON.createReader(new StringReader(body))) {
            JsonObject status = reader.readObject();
            return status.get("message") instanceof JsonString message && !message.getString().isBlank()
                    ? Optional.of(message.getString().strip().replace('\n', ' '))
                    : Optional.empty();
        } catch (JsonException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
