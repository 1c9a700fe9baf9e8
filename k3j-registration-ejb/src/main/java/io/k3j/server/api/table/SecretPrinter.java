package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** Secrets: NAME TYPE DATA AGE. */
final class SecretPrinter implements TypePrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Type", "Used to facilitate programmatic handling of secret data. More info: "
                    + "https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
            Column.string("Data", "Data contains the secret data. Each key must consist of alphanumeric characters, "
                    + "'-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing "
                    + "the arbitrary (possibly non-string) data value here. Described in "
                    + "https://tools.ietf.org/html/rfc4648#section-4"),
            Column.age());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<JsonValue> cells(JsonObject secret, Instant now) {
        return List.of(Cells.text(ObjectMeta.name(secret)), Cells.text(Cells.string(secret, "type")),
                Cells.number(JsonSupport.objectAt(secret, "data").size()), Cells.age(secret, now));
    }
}
