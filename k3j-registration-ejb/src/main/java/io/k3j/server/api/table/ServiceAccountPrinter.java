package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** ServiceAccounts: NAME SECRETS AGE. */
final class ServiceAccountPrinter implements TypePrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Secrets", "Secrets is a list of the secrets in the same namespace that pods running using "
                    + "this ServiceAccount are allowed to use."),
            Column.age());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<JsonValue> cells(JsonObject account, Instant now) {
        return List.of(Cells.text(ObjectMeta.name(account)),
                Cells.number(JsonSupport.arrayAt(account, "secrets").size()), Cells.age(account, now));
    }
}
