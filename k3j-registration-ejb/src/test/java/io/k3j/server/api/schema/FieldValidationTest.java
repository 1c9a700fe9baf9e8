package io.k3j.server.api.schema;

import static io.k3j.server.api.ApiAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldValidationTest {

    @Test
    void warnIsTheDefaultAsInKubernetes() {
        assertEquals(FieldValidation.WARN, FieldValidation.fromQuery(null));
        assertEquals(FieldValidation.WARN, FieldValidation.fromQuery(""));
    }

    @Test
    void theThreeDirectivesAreReadByTheirKubernetesNames() {
        assertEquals(FieldValidation.STRICT, FieldValidation.fromQuery("Strict"));
        assertEquals(FieldValidation.WARN, FieldValidation.fromQuery("Warn"));
        assertEquals(FieldValidation.IGNORE, FieldValidation.fromQuery("Ignore"));
    }

    @Test
    void anyOtherValueIsABadRequestListingTheSupportedOnes() {
        assertFails(Reason.BAD_REQUEST, "fieldValidation: Unsupported value: \"strict\": supported values: "
                + "\"Ignore\", \"Strict\", \"Warn\"", () -> FieldValidation.fromQuery("strict"));
    }

    @Test
    void noProblemsMeanNothingToDoEvenWhenStrict() {
        List<String> warnings = new ArrayList<>();
        FieldValidation.STRICT.enforce(List.of(), ApiException::badRequest, warnings::add);
        assertEquals(List.of(), warnings);
    }

    @Test
    void strictJoinsTheProblemsAfterKubernetesPrefix() {
        ApiException e = assertFails(Reason.BAD_REQUEST, () -> FieldValidation.STRICT.enforce(
                List.of("unknown field \"a\"", "duplicate field \"b\""), ApiException::badRequest, w -> { }));
        assertEquals("strict decoding error: unknown field \"a\", duplicate field \"b\"", e.getMessage());
    }
}
