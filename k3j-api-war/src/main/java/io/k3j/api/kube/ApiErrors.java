package io.k3j.api.kube;

import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import io.k3j.server.api.status.Status;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Arrays;
import java.util.Optional;

/** The Kubernetes Status that answers a failed request. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /**
     * The Status for an exception: its own for an ApiException (also when the EJB container
     * wrapped it), the HTTP error of a JAX-RS exception, 400 for unreadable input; empty for an
     * unexpected failure, which is the server's fault.
     */
    public static Optional<Status> statusOf(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof ApiException api) {
                return Optional.of(api.status());
            }
        }
        if (failure instanceof WebApplicationException web) {
            int code = web.getResponse().getStatus();
            Reason reason = Arrays.stream(Reason.values()).filter(r -> r.code() == code).findFirst()
                    .orElse(code < 500 ? Reason.BAD_REQUEST : Reason.INTERNAL_ERROR);
            String message = code == 404 ? ApiException.resourceNotFound().getMessage() : web.getMessage();
            return Optional.of(Status.failure(reason, message));
        }
        if (failure instanceof JsonException) {
            return Optional.of(Status.failure(Reason.BAD_REQUEST, "the request body is not valid JSON: " + failure.getMessage()));
        }
        return Optional.empty();
    }
}
