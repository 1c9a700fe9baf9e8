package io.k3j.server.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameRulesTest {

    @Test
    void subdomainsAreLowercaseDottedLabels() {
        assertEquals(List.of(), NameRules.dns1123Subdomain("my-app.example.com"));
        assertEquals(List.of("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
                + "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
                NameRules.dns1123Subdomain("My_App"));
        assertEquals("must be no more than 253 characters", NameRules.dns1123Subdomain("a".repeat(254)).get(0));
    }

    @Test
    void labelsHaveNoDotsAndAtMost63Characters() {
        assertEquals(List.of(), NameRules.dns1123Label("kube-system"));
        assertEquals(List.of("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
                + "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
                + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"), NameRules.dns1123Label("a.b"));
        assertEquals(List.of("must be no more than 63 characters"), NameRules.dns1123Label("a".repeat(64)));
    }

    @Test
    void qualifiedNamesMayHaveAPrefix() {
        assertEquals(List.of(), NameRules.qualifiedName("app.kubernetes.io/name"));
        assertEquals(List.of(), NameRules.qualifiedName("Tier_1"));
        assertEquals(List.of("prefix part must be non-empty"), NameRules.qualifiedName("/name"));
        assertEquals(List.of("name part must be non-empty", "name part must consist of alphanumeric characters, '-', '_' "
                + "or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
                NameRules.qualifiedName("example.com/"));
        assertEquals("name part must be no more than 63 characters", NameRules.qualifiedName("x".repeat(64)).get(0));
        assertEquals(1, NameRules.qualifiedName("a/b/c").size());
        assertEquals(1, NameRules.qualifiedName("Bad_Prefix/name").size());
    }

    @Test
    void labelValuesMayBeEmpty() {
        assertEquals(List.of(), NameRules.labelValue(""));
        assertEquals(List.of(), NameRules.labelValue("v1.2_x"));
        assertEquals(1, NameRules.labelValue("-bad").size());
        assertEquals(List.of("must be no more than 63 characters"), NameRules.labelValue("x".repeat(64)));
    }

    @Test
    void configKeysAllowCapitalsAndDotsButNotDotDot() {
        assertEquals(List.of(), NameRules.configMapKey("KEY_name.conf"));
        assertEquals(List.of("must not start with '..'"), NameRules.configMapKey("..data"));
        assertEquals(List.of("must not be '.'"), NameRules.configMapKey("."));
        assertEquals(1, NameRules.configMapKey("a b").size());
    }

    @Test
    void pathSegmentsHaveNoSlashesOrPercents() {
        assertEquals(List.of(), NameRules.pathSegmentName("ok"));
        assertEquals(List.of("may not be '..'"), NameRules.pathSegmentName(".."));
        assertEquals(List.of("may not contain '/'", "may not contain '%'"), NameRules.pathSegmentName("a/%"));
    }
}
