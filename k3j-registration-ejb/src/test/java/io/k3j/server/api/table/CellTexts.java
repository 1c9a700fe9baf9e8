package io.k3j.server.api.table;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/** Cells as kubectl prints them: strings as they are, numbers as digits. */
final class CellTexts {

    private CellTexts() {
    }

    static List<String> of(List<JsonValue> cells) {
        return cells.stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList();
    }
}
