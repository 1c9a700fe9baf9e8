package io.k3j.api.kube;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The warnings one request collects, sent as Kubernetes sends them: a {@code Warning} header
 * each, {@code 299 - "text"}, each text once. kubectl prints them as {@code Warning: text}.
 */
final class Warnings implements Consumer<String> {

    static final String HEADER = "Warning";

    /** Kubernetes's code for a miscellaneous persistent warning, and no agent. */
    private static final String CODE_AND_AGENT = "299 - ";

    private final Set<String> texts = new LinkedHashSet<>();

    @Override
    public void accept(String text) {
        texts.add(text);
    }

    /** The response with a Warning header per warning. */
    Response addTo(Response response) {
        if (texts.isEmpty()) {
            return response;
        }
        Response.ResponseBuilder withHeaders = Response.fromResponse(response);
        headerValues().forEach(value -> withHeaders.header(HEADER, value));
        return withHeaders.build();
    }

    /** The values of the Warning headers, in the order the warnings came. */
    List<String> headerValues() {
        return texts.stream().map(Warnings::headerValue).toList();
    }

    /**
     * One header's value: the text quoted with backslash escapes, as Kubernetes quotes it; a
     * control character, which a header cannot carry, becomes a space.
     */
    static String headerValue(String text) {
        StringBuilder value = new StringBuilder(CODE_AND_AGENT.length() + text.length() + 2).append(CODE_AND_AGENT).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                value.append('\\').append(c);
            } else {
                value.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return value.append('"').toString();
    }
}
