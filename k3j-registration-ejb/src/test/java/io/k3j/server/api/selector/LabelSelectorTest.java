package io.k3j.server.api.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.selector.Requirement.Operator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front", "replicas", "3");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                          | true",
            "app=web                     | true",
            "app==web                    | true",
            "app = web                   | true",
            "app!=web                    | false",
            "app!=db                     | true",
            "missing!=x                  | true",
            "app in (web, api)           | true",
            "app in (db)                 | false",
            "app notin (db,api)          | true",
            "missing notin (x)           | true",
            "tier                        | true",
            "!tier                       | false",
            "!missing                    | true",
            "app=web,tier=front          | true",
            "app=web,tier=back           | false",
            "replicas>2                  | true",
            "replicas<2                  | false",
            "app>2                       | false",
            "missing=                    | false",
            "tier in (front,)            | true"})
    void matchesAsKubernetesDoes(String selector, boolean matches) {
        assertEquals(matches, LabelSelector.parse(selector).matches(WEB), selector);
    }

    @Test
    void anEmptyValueSelectsAnEmptyLabel() {
        assertTrue(LabelSelector.parse("flag=").matches(Map.of("flag", "")));
        assertTrue(LabelSelector.parse("flag in (a,)").matches(Map.of("flag", "")));
    }

    @Test
    void parsesIntoRequirements() {
        LabelSelector selector = LabelSelector.parse("app in (web,api), !legacy, tier");
        assertEquals(List.of(
                new Requirement("app", Operator.IN, List.of("web", "api")),
                new Requirement("legacy", Operator.DOES_NOT_EXIST, List.of()),
                new Requirement("tier", Operator.EXISTS, List.of())), selector.requirements());
        assertEquals("app in (web,api),!legacy,tier", selector.toString());
        assertTrue(LabelSelector.parse("  ").isEverything());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "app in (web                 | found end of string, expected: ',' or ')'",
            "app in web                  | found 'web', expected: '('",
            "app in ()                   | for 'in', 'notin' operators, values set can't be empty",
            "app web                     | found 'web', expected: in, notin, =, ==, !=, gt, lt",
            "=web                        | found '=', expected: !, identifier",
            "app=web tier=x              | found 'tier', expected: ','",
            "app=web,                    | found end of string, expected: !, identifier",
            "app>x                       | for 'Gt', 'Lt' operators, the value must be an integer",
            "!(a)                        | found '(', expected: identifier"})
    void rejectsMalformedSelectorsSayingWhy(String selector, String why) {
        SelectorException e = assertThrows(SelectorException.class, () -> LabelSelector.parse(selector));
        assertEquals("unable to parse requirement: " + why + " in label selector \"" + selector + "\"", e.getMessage());
    }

    @Test
    void rejectsInvalidKeysAndValues() {
        SelectorException key = assertThrows(SelectorException.class, () -> LabelSelector.parse("-bad=x"));
        assertTrue(key.getMessage().contains("invalid label key \"-bad\": name part must consist of"), key.getMessage());
        SelectorException value = assertThrows(SelectorException.class, () -> LabelSelector.parse("app=-x"));
        assertTrue(value.getMessage().contains("invalid label value: \"-x\": at key: \"app\""), value.getMessage());
        assertFalse(LabelSelector.parse("a.b/c=d").isEverything());
    }
}
