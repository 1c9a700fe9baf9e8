package io.k3j.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import org.junit.jupiter.api.function.Executable;

/** Assertions on the Status an API call fails with. */
public final class ApiAssertions {

    private ApiAssertions() {
    }

    public static ApiException assertFails(Reason reason, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(reason, e.reason(), () -> "unexpected status: " + e.status().toJson());
        assertEquals(reason.code(), e.code());
        return e;
    }

    public static ApiException assertFails(Reason reason, String message, Executable call) {
        ApiException e = assertFails(reason, call);
        assertEquals(message, e.getMessage());
        return e;
    }
}
