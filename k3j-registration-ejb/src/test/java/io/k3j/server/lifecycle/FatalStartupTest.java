package io.k3j.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FatalStartupTest {

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<Integer> halts = new ArrayList<>();
    private final FatalStartup fatal = new FatalStartup(new PrintStream(stderr, true, StandardCharsets.UTF_8), halts::add);

    @Test
    void printsOneLineAndHaltsWithStatusOne() {
        fatal.fail("cannot open datastore nosuch://x:\n  unknown scheme", null, true);

        assertEquals("k3j: cannot open datastore nosuch://x: unknown scheme" + System.lineSeparator(), stderr.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(1), halts);
    }

    @Test
    void onAFullServerOnlyTheDeploymentFails() {
        IOException cause = new IOException("refused");
        StartupException e = fatal.fail("datastore down", cause, false);

        assertEquals(List.of(), halts);
        assertEquals("datastore down", e.getMessage());
        assertSame(cause, e.getCause());
        assertEquals("k3j: datastore down" + System.lineSeparator(), stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void describesAThrowableWithoutAMessageByItsType() {
        assertEquals("IllegalStateException", FatalStartup.describe(new IllegalStateException()));
        assertEquals("a b", FatalStartup.describe(new IllegalStateException("a\r\n b")));
    }
}
