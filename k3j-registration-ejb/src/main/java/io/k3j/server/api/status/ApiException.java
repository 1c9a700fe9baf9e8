package io.k3j.server.api.status;

import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.validation.FieldError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A request the API refuses, carrying the Kubernetes {@link Status} to answer with. The
 * factories word their messages as the Kubernetes API server does, since clients and users
 * match on them.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an update lost a race, in Kubernetes's words. */
    public static final String OBJECT_MODIFIED =
            "the object has been modified; please apply your changes to the latest version and try again";

    private final transient Status status;

    public ApiException(Status status) {
        super(status.message());
        this.status = Objects.requireNonNull(status, "status");
    }

    public ApiException(Status status, Throwable cause) {
        super(status.message(), cause);
        this.status = Objects.requireNonNull(status, "status");
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.code();
    }

    /** The reason of the carried status. */
    public Reason reason() {
        return status.reason().orElseThrow();
    }

    // ---- 404

    public static ApiException notFound(ResourceType type, String name) {
        return failure(Reason.NOT_FOUND, type.groupResource() + " \"" + name + "\" not found", details(type, name));
    }

    /** A URL that names no resource the server has. */
    public static ApiException resourceNotFound() {
        return failure(Reason.NOT_FOUND, "the server could not find the requested resource",
                Optional.of(StatusDetails.of("", "", "")));
    }

    // ---- 409

    public static ApiException alreadyExists(ResourceType type, String name) {
        return failure(Reason.ALREADY_EXISTS, type.groupResource() + " \"" + name + "\" already exists", details(type, name));
    }

    /** A create whose generated names all collided. */
    public static ApiException nameNotGenerated(ResourceType type, String name) {
        return failure(Reason.ALREADY_EXISTS, type.groupResource() + " \"" + name + "\" already exists, the server was "
                + "not able to generate a unique name for the object", details(type, name));
    }

    /** A write that lost against another one, or whose preconditions failed. */
    public static ApiException conflict(ResourceType type, String name, String why) {
        return conflict(type.groupResource(), type, name, why);
    }

    /** A conflict on a subresource, such as {@code pods/binding}. */
    public static ApiException conflict(String resource, ResourceType type, String name, String why) {
        return failure(Reason.CONFLICT, "Operation cannot be fulfilled on " + resource + " \"" + name + "\": " + why,
                details(type, name));
    }

    /** The standard conflict of optimistic concurrency. */
    public static ApiException modified(ResourceType type, String name) {
        return conflict(type, name, OBJECT_MODIFIED);
    }

    // ---- 422 and 400

    public static ApiException invalid(ResourceType type, String name, List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an Invalid status needs at least one field error");
        }
        String list = errors.size() == 1
                ? errors.get(0).message()
                : errors.stream().map(FieldError::message).collect(Collectors.joining(", ", "[", "]"));
        List<StatusCause> causes = errors.stream()
                .map(e -> new StatusCause(e.type().reason(), e.causeMessage(), e.field()))
                .toList();
        return failure(Reason.INVALID, type.kind() + " \"" + name + "\" is invalid: " + list,
                Optional.of(new StatusDetails(name, type.group(), type.kind(), causes)));
    }

    /** A request that is well formed but cannot be carried out, such as a JSON patch whose test fails. */
    public static ApiException unprocessable(String message) {
        return failure(Reason.INVALID, message, Optional.empty());
    }

    public static ApiException badRequest(String message) {
        return failure(Reason.BAD_REQUEST, message, Optional.empty());
    }

    /** A body that does not decode as the type: a 400 worded as Kubernetes's decoder words it. */
    public static ApiException cannotDecode(ResourceType type, String problem) {
        return cannotDecode(type.kind(), type.version(), problem);
    }

    /** The same for a body of a kind other than the URL's type, such as a Binding or DeleteOptions. */
    public static ApiException cannotDecode(String kind, String version, String problem) {
        return badRequest(kind + " in version \"" + version + "\" cannot be handled as a " + kind + ": " + problem);
    }

    // ---- 410

    public static ApiException expired(String message) {
        return failure(Reason.EXPIRED, message, Optional.empty());
    }

    /** A watch or list from a revision that compaction removed: informers relist on this. */
    public static ApiException tooOldResourceVersion(long requested, long oldest) {
        return expired("too old resource version: " + requested + " (" + oldest + ")");
    }

    // ---- others

    /** @param name the object's name; empty for a request on a collection */
    public static ApiException forbidden(ResourceType type, String name, String why) {
        String what = name.isEmpty() ? type.groupResource() : type.groupResource() + " \"" + name + "\"";
        return failure(Reason.FORBIDDEN, what + " is forbidden: " + why, details(type, name));
    }

    /** A request for a path that names no resource, such as {@code /v1-k3j/watches}. */
    public static ApiException forbiddenPath(String why) {
        return failure(Reason.FORBIDDEN, "forbidden: " + why, Optional.empty());
    }

    /** Too many requests of one kind from one client; it may try again later. */
    public static ApiException tooManyRequests(String message) {
        return failure(Reason.TOO_MANY_REQUESTS, message, Optional.empty());
    }

    /** A create in a namespace that is being deleted. */
    public static ApiException namespaceTerminating(ResourceType type, String name, String namespace) {
        StatusCause cause = new StatusCause("NamespaceTerminating", "namespace " + namespace + " is being terminated",
                "metadata.namespace");
        return failure(Reason.FORBIDDEN, type.groupResource() + " \"" + name + "\" is forbidden: unable to create new "
                        + "content in namespace " + namespace + " because it is being terminated",
                Optional.of(new StatusDetails(name, type.group(), type.plural(), List.of(cause))));
    }

    public static ApiException methodNotAllowed() {
        return failure(Reason.METHOD_NOT_ALLOWED, "the server does not allow this method on the requested resource",
                Optional.of(StatusDetails.of("", "", "")));
    }

    /** An Accept header that names no representation the server can answer with. */
    public static ApiException notAcceptable(List<String> accepted) {
        return failure(Reason.NOT_ACCEPTABLE, "only the following media types are accepted: "
                + String.join(", ", accepted), Optional.empty());
    }

    public static ApiException unsupportedMediaType(String contentType, List<String> accepted) {
        return failure(Reason.UNSUPPORTED_MEDIA_TYPE, "the body of the request was in an unknown format (" + contentType
                + ") - accepted media types include: " + String.join(", ", accepted), Optional.empty());
    }

    /** A read that asks for a revision the store has not reached. */
    public static ApiException tooLargeResourceVersion(long requested, long current) {
        StatusCause cause = new StatusCause("ResourceVersionTooLarge", "Too large resource version", "");
        return failure(Reason.TIMEOUT, "Timeout: Too large resource version: " + requested + ", current: " + current,
                Optional.of(new StatusDetails("", "", "", List.of(cause))));
    }

    public static ApiException internal(String message, Throwable cause) {
        return new ApiException(Status.failure(Reason.INTERNAL_ERROR, "Internal error occurred: " + message), cause);
    }

    public static ApiException unavailable(String message, Throwable cause) {
        return new ApiException(Status.failure(Reason.SERVICE_UNAVAILABLE, message), cause);
    }

    private static ApiException failure(Reason reason, String message, Optional<StatusDetails> details) {
        return new ApiException(Status.failure(reason, message, details));
    }

    private static Optional<StatusDetails> details(ResourceType type, String name) {
        return Optional.of(StatusDetails.of(name, type.group(), type.plural()));
    }
}
