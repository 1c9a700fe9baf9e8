package io.k3j.api.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k3j.spi.datastore.DatastoreUnavailableException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void readyWhenBootstrappedAndTheDatastoreAnswers() {
        assertEquals(Optional.empty(), Readiness.notReadyBecause(true, () -> 42));
    }

    @Test
    void notReadyBeforeTheBootstrap() {
        assertEquals(Optional.of("bootstrap: not done yet"), Readiness.notReadyBecause(false, () -> 42));
    }

    @Test
    void notReadyWhileTheDatastoreFails() {
        assertEquals(Optional.of("datastore: connection refused to db:5432"), Readiness.notReadyBecause(true, () -> {
            throw new DatastoreUnavailableException("connection refused\n to db:5432");
        }));
        assertEquals(Optional.of("datastore: IllegalStateException"), Readiness.notReadyBecause(true, () -> {
            throw new IllegalStateException();
        }));
    }
}
