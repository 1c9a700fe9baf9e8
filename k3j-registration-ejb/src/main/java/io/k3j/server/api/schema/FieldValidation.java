package io.k3j.server.api.schema;

import io.k3j.server.api.status.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a create, update or patch does about unknown and duplicate fields in what it was sent:
 * the {@code fieldValidation} query parameter. Whatever the directive, unknown fields are not
 * stored, as Kubernetes's typed decoding drops them.
 */
public enum FieldValidation {
    /** The problems are silently dropped. */
    IGNORE("Ignore"),
    /** The write succeeds, with a warning per problem; Kubernetes's default. */
    WARN("Warn"),
    /** The write fails, naming every problem. */
    STRICT("Strict");

    /** What Kubernetes's strict decoder puts before the list of problems. */
    public static final String STRICT_DECODING_ERROR = "strict decoding error: ";

    private final String value;

    FieldValidation(String value) {
        this.value = value;
    }

    /** The parameter's value, such as {@code Strict}. */
    public String value() {
        return value;
    }

    /**
     * The directive a request asks for; Warn when the parameter is absent or empty.
     *
     * @throws ApiException 400 for any other value
     */
    public static FieldValidation fromQuery(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return WARN;
        }
        return Arrays.stream(values()).filter(v -> v.value.equals(parameter)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("fieldValidation: Unsupported value: \"" + parameter
                        + "\": supported values: " + Arrays.stream(values()).map(v -> "\"" + v.value + "\"").sorted()
                        .collect(Collectors.joining(", "))));
    }

    /**
     * Acts on the problems a decoding found, each worded as {@code unknown field "spec.foo"}:
     * Strict throws, Warn passes each to the warnings, Ignore does nothing.
     *
     * @param failure the error of a strict failure, given the strict decoding error's text
     */
    public void enforce(List<String> problems, Function<String, ApiException> failure, Consumer<String> warnings) {
        if (problems.isEmpty()) {
            return;
        }
        switch (this) {
            case STRICT -> throw failure.apply(STRICT_DECODING_ERROR + String.join(", ", problems));
            case WARN -> problems.forEach(warnings);
            case IGNORE -> {
                // as asked
            }
        }
    }
}
