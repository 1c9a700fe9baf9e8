package io.k3j.server.api;

import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Test bodies written as JSON with single quotes, for readability. */
public final class TestJson {

    private TestJson() {
    }

    public static JsonValue json(String text) {
        return JsonSupport.parse(text.replace('\'', '"'));
    }

    public static JsonObject object(String text) {
        return json(text).asJsonObject();
    }
}
