package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Events: LAST SEEN TYPE REASON OBJECT MESSAGE, and with {@code -o wide} SUBOBJECT, SOURCE,
 * FIRST SEEN, COUNT and NAME too.
 */
final class EventPrinter implements TypePrinter {

    private static final List<Column> COLUMNS = List.of(
            Column.string("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
            Column.string("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
            Column.string("Reason", "This should be a short, machine understandable string that gives the reason for "
                    + "the transition into the object's current status."),
            Column.string("Object", "The object that this event is about."),
            Column.wide("Subobject", "If referring to a piece of an object instead of an entire object, this string "
                    + "should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]."),
            Column.wide("Source", "The component reporting this event. Should be a short machine understandable string."),
            Column.string("Message", "A human-readable description of the status of this operation."),
            Column.wide("First Seen", "The time at which the event was first recorded. (Time of server receipt is in "
                    + "TypeMeta.)"),
            Column.wide("Count", "The number of times this event has occurred."),
            Column.objectName().wideOnly());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<JsonValue> cells(JsonObject event, Instant now) {
        String firstSeen = Cells.string(event, "firstTimestamp").isEmpty()
                ? Cells.since(Cells.string(event, "eventTime"), now)
                : Cells.since(Cells.string(event, "firstTimestamp"), now);
        String lastSeen = Cells.string(event, "lastTimestamp").isEmpty()
                ? firstSeen : Cells.since(Cells.string(event, "lastTimestamp"), now);
        long count = Cells.number(event, "count");
        if (event.get("series") instanceof JsonObject series) {
            lastSeen = Cells.since(Cells.string(series, "lastObservedTime"), now);
            count = Cells.number(series, "count");
        } else if (count == 0) {
            count = 1; // singleton events of the events.k8s.io API carry no count
        }
        JsonObject involved = JsonSupport.objectAt(event, "involvedObject");
        String kind = Cells.string(involved, "kind").toLowerCase(Locale.ROOT);
        String name = Cells.string(involved, "name");
        return List.of(
                Cells.text(lastSeen),
                Cells.text(Cells.string(event, "type")),
                Cells.text(Cells.string(event, "reason")),
                Cells.text(name.isEmpty() ? kind : kind + "/" + name),
                Cells.text(Cells.string(involved, "fieldPath")),
                Cells.text(source(event)),
                Cells.text(Cells.string(event, "message").strip()),
                Cells.text(firstSeen),
                Cells.number(count),
                Cells.text(ObjectMeta.name(event)));
    }

    /** {@code component, host}, each falling back to the reporting controller and instance. */
    private static String source(JsonObject event) {
        String component = Cells.orElse(Cells.string(event, "source", "component"),
                Cells.string(event, "reportingComponent"));
        String host = Cells.orElse(Cells.string(event, "source", "host"), Cells.string(event, "reportingInstance"));
        return host.isEmpty() ? component : component + ", " + host;
    }
}
