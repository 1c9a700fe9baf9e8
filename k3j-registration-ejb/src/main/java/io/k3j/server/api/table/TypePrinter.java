package io.k3j.server.api.table;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** What the rows of one type show: its columns, and the cells of one object's row. */
interface TypePrinter {

    /** Every column, the {@code -o wide} ones included: the server always sends them all. */
    List<Column> columns();

    /** The cells of an object's row, one per column, in column order. */
    List<JsonValue> cells(JsonObject object, Instant now);

    /** The row's conditions, such as a completed pod's; none by default. */
    default List<JsonObject> conditions(JsonObject object) {
        return List.of();
    }
}
