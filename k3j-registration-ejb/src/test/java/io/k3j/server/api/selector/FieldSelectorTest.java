package io.k3j.server.api.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.selector.FieldSelector.Term;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

    private static final Map<String, String> POD = Map.of("metadata.name", "web,1", "spec.nodeName", "node-1",
            "status.phase", "Running");

    private static boolean matches(String selector) {
        return FieldSelector.parse(selector).matches(f -> POD.getOrDefault(f, ""));
    }

    @Test
    void comparesFieldValues() {
        assertTrue(matches(""));
        assertTrue(matches("spec.nodeName=node-1"));
        assertTrue(matches("spec.nodeName==node-1,status.phase!=Pending"));
        assertFalse(matches("spec.nodeName!=node-1"));
        assertTrue(matches("metadata.name=web\\,1"));
        assertTrue(matches("spec.schedulerName="));
    }

    @Test
    void parsesTermsWithEscapes() {
        assertEquals(List.of(new Term("a", true, "x=y,z\\"), new Term("b", false, "")),
                FieldSelector.parse("a=x\\=y\\,z\\\\,b!=").terms());
        assertEquals("a=x\\=y", FieldSelector.parse("a=x\\=y").toString());
    }

    @Test
    void rejectsTermsWithoutOperatorsAndBadEscapes() {
        assertEquals("invalid selector: 'nodeName'; can't understand 'nodeName'",
                assertThrows(SelectorException.class, () -> FieldSelector.parse("nodeName")).getMessage());
        assertThrows(SelectorException.class, () -> FieldSelector.parse("a=\\x"));
        assertThrows(SelectorException.class, () -> FieldSelector.parse("=x"));
    }

    @Test
    void checksFieldsAgainstWhatTheTypeSupports() {
        FieldSelector selector = FieldSelector.parse("metadata.name=a,spec.host=b");
        assertEquals("field label not supported: spec.host", assertThrows(SelectorException.class,
                () -> selector.requireSupported(Set.of("metadata.name"))).getMessage());
    }
}
