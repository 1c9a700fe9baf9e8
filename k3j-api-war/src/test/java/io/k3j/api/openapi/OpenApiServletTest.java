package io.k3j.api.openapi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenApiServletTest {

    private static final String TAG = "\"ABC123\"";

    @Test
    void ifNoneMatchNamesTheTagStrongOrWeakAmongOthersOrAnyTag() {
        assertTrue(OpenApiServlet.matches(TAG, TAG));
        assertTrue(OpenApiServlet.matches("W/" + TAG, TAG));
        assertTrue(OpenApiServlet.matches("\"OTHER\", " + TAG, TAG));
        assertTrue(OpenApiServlet.matches("*", TAG));
    }

    @Test
    void anotherTagOrNoHeaderIsNoMatch() {
        assertFalse(OpenApiServlet.matches("\"ABC12\"", TAG));
        assertFalse(OpenApiServlet.matches("ABC123", TAG), "a tag is quoted");
        assertFalse(OpenApiServlet.matches(null, TAG));
    }
}
