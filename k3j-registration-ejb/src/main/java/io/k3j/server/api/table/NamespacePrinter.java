package io.k3j.server.api.table;

import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** Namespaces: NAME STATUS AGE. */
final class NamespacePrinter implements TypePrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Status", "The status of the namespace"),
            Column.age());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<JsonValue> cells(JsonObject namespace, Instant now) {
        return List.of(Cells.text(ObjectMeta.name(namespace)), Cells.text(Cells.string(namespace, "status", "phase")),
                Cells.age(namespace, now));
    }
}
