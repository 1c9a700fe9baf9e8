package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.store.ObjectList;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders objects of one type as a {@code meta.k8s.io} Table, as the Kubernetes API server
 * answers a client that asks for {@code as=Table}: every column (the {@code -o wide} ones
 * have priority 1; kubectl picks), one row per object.
 */
public final class TableConverter {

    private final TypePrinter printer;
    private final TableOptions options;
    private final Clock clock;

    private TableConverter(TypePrinter printer, TableOptions options, Clock clock) {
        this.printer = printer;
        this.options = options;
        this.clock = clock;
    }

    /**
     * The converter for a type.
     *
     * @param clock the clock that ages are measured against
     * @throws IllegalArgumentException for a type without a printer
     */
    public static TableConverter of(ResourceType type, TableOptions options, Clock clock) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        TypePrinter printer = TablePrinters.of(type)
                .orElseThrow(() -> new IllegalArgumentException("no table printer for " + type.groupResource()));
        return new TableConverter(printer, options, clock);
    }

    /** A page of a list, with its resourceVersion and continue token. */
    public JsonObject list(ObjectList list) {
        return table(list.items(), list.resourceVersion(), list.continueToken(), true);
    }

    /** One object, with its own resourceVersion. */
    public JsonObject object(JsonObject object) {
        return table(List.of(object), ObjectMeta.resourceVersion(object), Optional.empty(), true);
    }

    /**
     * One object of a watch. As in Kubernetes, only the first event of a watch carries the
     * column definitions; kubectl keeps those.
     */
    JsonObject watched(JsonObject object, boolean withColumns) {
        return table(List.of(object), ObjectMeta.resourceVersion(object), Optional.empty(), withColumns);
    }

    /** A table without rows that carries a resourceVersion, such as a watch bookmark's. */
    JsonObject empty(String resourceVersion) {
        return table(List.of(), resourceVersion, Optional.empty(), false);
    }

    private JsonObject table(List<JsonObject> objects, String resourceVersion, Optional<String> continueToken,
            boolean withColumns) {
        JsonObjectBuilder metadata = JsonSupport.object().add("resourceVersion", resourceVersion);
        continueToken.ifPresent(token -> metadata.add("continue", token));
        JsonObjectBuilder table = JsonSupport.object()
                .add("kind", "Table")
                .add("apiVersion", options.version().apiVersion())
                .add("metadata", metadata);
        if (withColumns) {
            JsonArrayBuilder columns = JsonSupport.array();
            printer.columns().forEach(column -> columns.add(column.toJson()));
            table.add("columnDefinitions", columns);
        }
        Instant now = clock.instant();
        JsonArrayBuilder rows = JsonSupport.array();
        for (JsonObject object : objects) {
            rows.add(row(object, now));
        }
        return table.add("rows", rows).build();
    }

    private JsonObject row(JsonObject object, Instant now) {
        JsonArrayBuilder cells = JsonSupport.array();
        printer.cells(object, now).forEach(cells::add);
        JsonObjectBuilder row = JsonSupport.object().add("cells", cells);
        List<JsonObject> conditions = printer.conditions(object);
        if (!conditions.isEmpty()) {
            JsonArrayBuilder array = JsonSupport.array();
            conditions.forEach(array::add);
            row.add("conditions", array);
        }
        return row.add("object", rowObject(object)).build();
    }

    private JsonValue rowObject(JsonObject object) {
        return switch (options.includeObject()) {
            case NONE -> JsonValue.NULL;
            case OBJECT -> object;
            case METADATA -> JsonSupport.object()
                    .add("kind", "PartialObjectMetadata")
                    .add("apiVersion", options.version().apiVersion())
                    .add("metadata", ObjectMeta.of(object))
                    .build();
        };
    }
}
