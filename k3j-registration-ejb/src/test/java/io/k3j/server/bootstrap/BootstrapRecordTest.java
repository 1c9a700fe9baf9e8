package io.k3j.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BootstrapRecordTest {

    @Test
    void roundTripsThroughJson() {
        BootstrapRecord record = new BootstrapRecord("c-1", "pbkdf2-sha256$1$AA$AA", Instant.parse("2025-01-02T03:04:05Z"));
        String json = new String(record.toJson(), StandardCharsets.UTF_8);

        assertEquals("{\"clusterId\":\"c-1\",\"tokenHash\":\"pbkdf2-sha256$1$AA$AA\",\"created\":\"2025-01-02T03:04:05Z\"}", json);
        assertEquals(record, BootstrapRecord.fromJson(record.toJson()));
    }

    @Test
    void refusesWhatIsNotARecord() {
        for (String json : new String[] {"{", "[]", "{\"clusterId\":1}", "{\"clusterId\":\"c\",\"tokenHash\":\"h\",\"created\":\"yesterday\"}"}) {
            BootstrapException e = assertThrows(BootstrapException.class,
                    () -> BootstrapRecord.fromJson(json.getBytes(StandardCharsets.UTF_8)), json);
            assertTrue(e.getMessage().startsWith("the datastore's bootstrap record /k3j/bootstrap is unreadable"), e.getMessage());
        }
    }
}
