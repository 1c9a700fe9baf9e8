package io.k3j.datastore.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class JpaRevisionLogTest {

    @Test
    void prefixEndIsTheFirstStringAfterTheRange() {
        assertEquals("/registry/pods0", JpaRevisionLog.prefixEnd("/registry/pods/"));
        assertEquals("b", JpaRevisionLog.prefixEnd("a"));
        assertEquals("b", JpaRevisionLog.prefixEnd("a\uffff"));
        assertNull(JpaRevisionLog.prefixEnd(""));
        assertNull(JpaRevisionLog.prefixEnd("\uffff"));
    }

    @Test
    void jdbcTargetNeverShowsThePassword() {
        JdbcTarget target = new JdbcTarget("org.Driver", "jdbc:x://h/db?user=u&password=hunter2&ssl=true", "u", "hunter2");
        assertFalse(target.toString().contains("hunter2"));
        assertEquals("jdbc:x://h/db?user=u&password=***&ssl=true", target.redactedUrl());
    }
}
