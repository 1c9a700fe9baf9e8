package io.k3j.server.api.table;

import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** Leases: NAME HOLDER AGE. */
final class LeasePrinter implements TypePrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Holder", "holderIdentity contains the identity of the holder of a current lease."),
            Column.age());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<JsonValue> cells(JsonObject lease, Instant now) {
        return List.of(Cells.text(ObjectMeta.name(lease)), Cells.text(Cells.string(lease, "spec", "holderIdentity")),
                Cells.age(lease, now));
    }
}
