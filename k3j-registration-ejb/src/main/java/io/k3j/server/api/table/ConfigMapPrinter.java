package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** ConfigMaps: NAME DATA AGE, where DATA counts the keys of data and binaryData. */
final class ConfigMapPrinter implements TypePrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Data", "Data contains the configuration data. Each key must consist of alphanumeric "
                    + "characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. "
                    + "The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced "
                    + "during validation process."),
            Column.age());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<JsonValue> cells(JsonObject configMap, Instant now) {
        int keys = JsonSupport.objectAt(configMap, "data").size() + JsonSupport.objectAt(configMap, "binaryData").size();
        return List.of(Cells.text(ObjectMeta.name(configMap)), Cells.number(keys), Cells.age(configMap, now));
    }
}
