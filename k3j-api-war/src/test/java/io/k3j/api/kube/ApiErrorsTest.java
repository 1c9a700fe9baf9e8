package io.k3j.api.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    @Test
    void anApiExceptionAnswersWithItsStatusEvenWhenWrapped() {
        ApiException conflict = ApiException.badRequest("bad selector");

        assertEquals(Optional.of(conflict.status()), ApiErrors.statusOf(conflict));
        assertEquals(Optional.of(conflict.status()), ApiErrors.statusOf(new EJBException(conflict)));
    }

    @Test
    void unreadableJsonIsABadRequest() {
        assertEquals(Optional.of(Reason.BAD_REQUEST),
                ApiErrors.statusOf(new JsonException("unexpected char")).flatMap(s -> s.reason()));
    }

    @Test
    void anythingElseIsTheServersFault() {
        assertEquals(Optional.empty(), ApiErrors.statusOf(new IllegalStateException("bug")));
    }
}
