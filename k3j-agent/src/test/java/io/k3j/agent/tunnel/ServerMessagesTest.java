package io.k3j.agent.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerMessagesTest {

    @Test
    void readsTheRegistration() {
        ServerMessage message = ServerMessages.parse("""
                {"apiVersion":"k3j.io/v1","kind":"Registration","nodeName":"n1","nodeToken":"tok",
                 "servers":["https://10.0.0.5:6443","https://Server-B:6443/","https://10.0.0.5:6443"]}""").orElseThrow();

        ServerMessage.Registration registration = assertInstanceOf(ServerMessage.Registration.class, message);
        assertEquals("n1", registration.nodeName());
        assertEquals("tok", registration.nodeToken());
        assertEquals(List.of(URI.create("https://10.0.0.5:6443"), URI.create("https://server-b:6443")), registration.servers(),
                "normalised, without duplicates, in order");
        assertFalse(registration.toString().contains("tok"), registration.toString());
    }

    @Test
    void readsServersUpdatesIncludingAnEmptyList() {
        assertEquals(Optional.of(new ServerMessage.Servers(List.of(URI.create("https://a:443")))),
                ServerMessages.parse("{\"apiVersion\":\"k3j.io/v1\",\"kind\":\"Servers\",\"servers\":[\"https://a\"]}"));
        assertEquals(Optional.of(new ServerMessage.Servers(List.of())),
                ServerMessages.parse("{\"apiVersion\":\"k3j.io/v1\",\"kind\":\"Servers\",\"servers\":[]}"));
    }

    @Test
    void ignoresKindsItDoesNotKnow() {
        assertEquals(Optional.empty(), ServerMessages.parse("{\"apiVersion\":\"k3j.io/v1\",\"kind\":\"Exec\"}"));
        assertEquals(Optional.empty(), ServerMessages.parse("{\"apiVersion\":\"k3j.io/v2\",\"kind\":\"Servers\",\"servers\":[]}"));
    }

    @Test
    void refusesMalformedMessages() {
        assertThrows(IllegalArgumentException.class, () -> ServerMessages.parse("not json"));
        assertThrows(IllegalArgumentException.class, () -> ServerMessages.parse("[1]"));
        IllegalArgumentException noToken = assertThrows(IllegalArgumentException.class, () -> ServerMessages.parse(
                "{\"apiVersion\":\"k3j.io/v1\",\"kind\":\"Registration\",\"nodeName\":\"n1\",\"servers\":[]}"));
        assertTrue(noToken.getMessage().contains("nodeToken"), noToken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerMessages.parse(
                "{\"apiVersion\":\"k3j.io/v1\",\"kind\":\"Servers\",\"servers\":[\"http://plain\"]}"));
        assertThrows(IllegalArgumentException.class, () -> ServerMessages.parse(
                "{\"apiVersion\":\"k3j.io/v1\",\"kind\":\"Servers\",\"servers\":\"https://a\"}"));
    }

    private static <T> T assertInstanceOf(Class<T> type, Object value) {
        assertTrue(type.isInstance(value), String.valueOf(value));
        return type.cast(value);
    }
}
