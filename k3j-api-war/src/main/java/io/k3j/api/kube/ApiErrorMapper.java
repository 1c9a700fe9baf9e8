package io.k3j.api.kube;

import io.k3j.server.api.status.Reason;
import io.k3j.server.api.status.Status;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Answers every failure with a Kubernetes Status; only the server's own faults are 500s, and logged. */
@Provider
public class ApiErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        Optional<Status> known = ApiErrors.statusOf(failure);
        if (known.isEmpty()) {
            LOG.log(Level.SEVERE, "request failed", failure);
        } else if (known.get().code() >= 500) {
            LOG.log(Level.WARNING, "request failed: " + known.get().message(), failure);
        }
        Status status = known.orElseGet(() -> Status.failure(Reason.INTERNAL_ERROR,
                "an internal error occurred; the server log has the details"));
        return Response.status(status.code()).type(MediaType.APPLICATION_JSON_TYPE).entity(status.toJson()).build();
    }
}
