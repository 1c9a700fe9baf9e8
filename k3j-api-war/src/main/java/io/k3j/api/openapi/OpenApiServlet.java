package io.k3j.api.openapi;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.openapi.OpenApiDocument;
import io.k3j.server.api.openapi.OpenApiDocuments;
import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Status;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code GET /openapi/v3}, the index of the OpenAPI documents, and {@code /openapi/v3/<path>},
 * one document, with Kubernetes's caching: the ETag is the document's hash; a request naming
 * the current hash may be cached for good, one naming another hash is redirected to the
 * current one. JSON whatever the Accept header asks for; kubectl asks for JSON. And
 * {@code /openapi/v2}, the Swagger document, in protobuf when asked (kubectl does) or JSON.
 *
 * <p>A servlet rather than a JAX-RS resource: Payara adds its MicroProfile OpenAPI servlet at
 * {@code /openapi/*} to the application at the root context, which this mapping, declared
 * before Payara adds its own, keeps for the Kubernetes documents.
 */
@WebServlet(name = "k3j-openapi", urlPatterns = OpenApiServlet.MAPPING)
public class OpenApiServlet extends HttpServlet {

    static final String MAPPING = "/openapi/*";

    private static final long serialVersionUID = 1L;

    /** Kubernetes's "for good": a year. */
    private static final Duration IMMUTABLE = Duration.ofDays(365);

    private static final String JSON = "application/json";

    /** What the Accept header of a request for the Swagger document in protobuf holds, in either of its spellings. */
    private static final String SWAGGER_PROTOBUF = "com.github.proto-openapi.spec.v2";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                throw ApiException.methodNotAllowed();
            }
            answer(request, response);
        } catch (ApiException e) {
            Status status = e.status();
            response.setStatus(status.code());
            write(response, JSON, JsonSupport.toBytes(status.toJson()), request);
        }
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("");
        OpenApiDocuments documents = OpenApiDocuments.builtIn();
        String contextRoot = request.getContextPath();
        if (path.equals("/v3") || path.equals("/v3/")) {
            write(response, JSON, JsonSupport.toBytes(documents.index(contextRoot)), request);
            return;
        }
        if (path.equals("/v2")) {
            boolean protobuf = Optional.ofNullable(request.getHeader("Accept")).orElse("").contains(SWAGGER_PROTOBUF);
            serve(documents.v2(protobuf), protobuf ? OpenApiDocuments.V2_PROTOBUF : JSON, request, response);
            return;
        }
        String prefix = "/v3/";
        OpenApiDocument document = Optional.of(path).filter(p -> p.startsWith(prefix))
                .flatMap(p -> documents.document(p.substring(prefix.length())))
                .orElseThrow(ApiException::resourceNotFound);
        String hash = request.getParameter("hash");
        if (hash != null && !hash.equals(document.hash())) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", contextRoot + OpenApiDocuments.ROOT + "/" + document.path() + "?hash="
                    + document.hash());
            return;
        }
        if (hash != null) {
            response.setHeader("Cache-Control", "public, immutable");
            response.setHeader("Vary", "Accept");
            response.setHeader("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.now(ZoneOffset.UTC).plus(IMMUTABLE)));
        }
        serve(document, JSON, request, response);
    }

    /** A document with its hash as the ETag, or 304 when the client has it already. */
    private static void serve(OpenApiDocument document, String contentType, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String etag = "\"" + document.hash() + "\"";
        response.setHeader("ETag", etag);
        if (matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        write(response, contentType, document.body(), request);
    }

    /** Whether an If-None-Match header names the entity tag: one of its tags, weak or strong, or {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        return ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals(etag) || tag.equals("*"));
    }

    private static void write(HttpServletResponse response, String contentType, byte[] body, HttpServletRequest request)
            throws IOException {
        response.setContentType(contentType);
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }
}
