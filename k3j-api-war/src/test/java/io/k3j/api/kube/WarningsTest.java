package io.k3j.api.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarningsTest {

    @Test
    void eachWarningIsAMiscellaneousPersistentWarningWithItsTextQuoted() {
        Warnings warnings = new Warnings();
        warnings.accept("unknown field \"spec.foo\"");
        warnings.accept("duplicate field \"data.a\\b\"");
        assertEquals(List.of("299 - \"unknown field \\\"spec.foo\\\"\"", "299 - \"duplicate field \\\"data.a\\\\b\\\"\""),
                warnings.headerValues());
    }

    @Test
    void aTextIsSentOnceAndAControlCharacterBecomesASpace() {
        Warnings warnings = new Warnings();
        warnings.accept("a\nb");
        warnings.accept("a\nb");
        assertEquals(List.of("299 - \"a b\""), warnings.headerValues());
    }
}
