package io.k3j.server.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k3j.server.api.json.JsonSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldErrorTest {

    @Test
    void rendersAsKubernetesDoes() {
        assertEquals("metadata.name: Invalid value: \"a\\\"b\": bad",
                FieldError.invalid("metadata.name", "a\"b", "bad").message());
        assertEquals("spec.replicas: Invalid value: -1: must be positive",
                FieldError.invalid("spec.replicas", JsonSupport.number(-1), "must be positive").message());
        assertEquals("spec: Required value", FieldError.required("spec", "").message());
        assertEquals("Unsupported value: \"x\": supported values: \"a\", \"b\"",
                FieldError.notSupported("f", "x", List.of("a", "b")).causeMessage());
        assertEquals("data: Too long: must have at most 10 bytes", FieldError.tooLong("data", 10).toString());
    }
}
