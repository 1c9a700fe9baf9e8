package io.k3j.server.api.table;

import static io.k3j.server.api.ApiAssertions.assertFails;
import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.resource.ResourceType;
import io.k3j.server.api.status.Reason;
import io.k3j.server.api.store.ObjectList;
import io.k3j.server.api.store.WatchEvent;
import io.k3j.server.api.watch.SharedEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableConverterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    private static final JsonObject SETTINGS = object("{'kind':'ConfigMap','apiVersion':'v1','metadata':{'name':'settings',"
            + "'namespace':'default','resourceVersion':'41','uid':'u-1','labels':{'app':'web'},"
            + "'creationTimestamp':'2024-05-01T11:57:00Z'},'data':{'mode':'fast'}}");

    private static TableConverter configMaps(TableVersion version, IncludeObject include) {
        return TableConverter.of(ResourceCatalog.CONFIG_MAPS, new TableOptions(version, include), CLOCK);
    }

    @Test
    void aListBecomesATableWithTheListsVersionAndContinueToken() {
        ObjectList list = new ObjectList(ResourceCatalog.CONFIG_MAPS, List.of(SETTINGS), "57", Optional.of("next"));
        JsonObject table = configMaps(TableVersion.V1, IncludeObject.METADATA).list(list);

        assertEquals("Table", table.getString("kind"));
        assertEquals("meta.k8s.io/v1", table.getString("apiVersion"));
        assertEquals(object("{'resourceVersion':'57','continue':'next'}"), table.getJsonObject("metadata"));
        assertEquals(object("{'name':'Name','type':'string','format':'name','description':'"
                + table.getJsonArray("columnDefinitions").getJsonObject(0).getString("description")
                + "','priority':0}"), table.getJsonArray("columnDefinitions").getJsonObject(0));
        assertEquals(List.of("Name", "Data", "Age"), table.getJsonArray("columnDefinitions").stream()
                .map(c -> c.asJsonObject().getString("name")).toList());
        JsonObject row = table.getJsonArray("rows").getJsonObject(0);
        assertEquals("[\"settings\",1,\"3m\"]", row.getJsonArray("cells").toString());
        assertEquals(object("{'kind':'PartialObjectMetadata','apiVersion':'meta.k8s.io/v1','metadata':"
                + SETTINGS.getJsonObject("metadata") + "}"), row.getJsonObject("object"));
        assertFalse(row.containsKey("conditions"));
    }

    @Test
    void anObjectBecomesATableOfOneRowWithItsResourceVersion() {
        JsonObject table = configMaps(TableVersion.V1BETA1, IncludeObject.OBJECT).object(SETTINGS);
        assertEquals("meta.k8s.io/v1beta1", table.getString("apiVersion"));
        assertEquals("41", table.getJsonObject("metadata").getString("resourceVersion"));
        assertEquals(1, table.getJsonArray("rows").size());
        assertEquals(SETTINGS, table.getJsonArray("rows").getJsonObject(0).getJsonObject("object"));
    }

    @Test
    void rowsCarryNoObjectWhenAskedForNone() {
        JsonObject row = configMaps(TableVersion.V1, IncludeObject.NONE).object(SETTINGS)
                .getJsonArray("rows").getJsonObject(0);
        assertEquals(JsonValue.NULL, row.get("object"));
    }

    @Test
    void finishedPodsRowsCarryTheirConditions() {
        JsonObject pod = object("{'metadata':{'name':'job'},'spec':{'containers':[{'name':'a'}]},"
                + "'status':{'phase':'Failed'}}");
        JsonObject row = TableConverter.of(ResourceCatalog.PODS, new TableOptions(TableVersion.V1, IncludeObject.NONE),
                CLOCK).object(pod).getJsonArray("rows").getJsonObject(0);
        assertEquals("Failed", row.getJsonArray("conditions").getJsonObject(0).getString("reason"));
    }

    @Test
    void everyServedTypeHasAPrinterWithOneCellPerColumnAndANameColumn() {
        for (ResourceType type : ResourceCatalog.builtIn().all()) {
            TypePrinter printer = TablePrinters.of(type).orElseThrow(() -> new AssertionError(type.plural()));
            List<JsonValue> cells = printer.cells(object("{'metadata':{'name':'x'}}"), CLOCK.instant());
            assertEquals(printer.columns().size(), cells.size(), type.plural());
            assertTrue(printer.columns().stream().anyMatch(c -> c.format().equals("name")), type.plural());
            int nameColumn = printer.columns().indexOf(printer.columns().stream()
                    .filter(c -> c.format().equals("name")).findFirst().orElseThrow());
            assertEquals("x", ((JsonString) cells.get(nameColumn)).getString(), type.plural());
        }
    }

    @Test
    void includeObjectIsReadFromTheQuery() {
        assertEquals(IncludeObject.METADATA, IncludeObject.fromQuery(null));
        assertEquals(IncludeObject.METADATA, IncludeObject.fromQuery(""));
        assertEquals(IncludeObject.NONE, IncludeObject.fromQuery("None"));
        assertEquals(IncludeObject.OBJECT, IncludeObject.fromQuery("Object"));
        assertFails(Reason.BAD_REQUEST, "unrecognized includeObject value: \"object\"",
                () -> IncludeObject.fromQuery("object"));
    }

    @Test
    void onlyTheMetaGroupsTableVersionsAreServed() {
        assertEquals(Optional.of(TableVersion.V1), TableVersion.of("meta.k8s.io", "v1"));
        assertEquals(Optional.of(TableVersion.V1BETA1), TableVersion.of("meta.k8s.io", "v1beta1"));
        assertEquals(Optional.empty(), TableVersion.of("meta.k8s.io", "v2"));
        assertEquals(Optional.empty(), TableVersion.of("example.com", "v1"));
    }

    @Test
    void watchEventsCarryTheColumnsOnlyOnceAndLeaveErrorsAlone() {
        TableWatchEncoding events = new TableWatchEncoding(configMaps(TableVersion.V1, IncludeObject.METADATA));

        WatchEvent first = events.convert(new WatchEvent(WatchEvent.Type.ADDED, SETTINGS));
        assertEquals(WatchEvent.Type.ADDED, first.type());
        assertTrue(first.object().containsKey("columnDefinitions"));
        assertEquals("settings", first.object().getJsonArray("rows").getJsonObject(0).getJsonArray("cells").getString(0));

        WatchEvent second = events.convert(new WatchEvent(WatchEvent.Type.DELETED, SETTINGS));
        assertEquals(WatchEvent.Type.DELETED, second.type());
        assertFalse(second.object().containsKey("columnDefinitions"));
        assertEquals("41", second.object().getJsonObject("metadata").getString("resourceVersion"));

        WatchEvent bookmark = events.convert(new WatchEvent(WatchEvent.Type.BOOKMARK,
                object("{'kind':'ConfigMap','apiVersion':'v1','metadata':{'resourceVersion':'60'}}")));
        assertEquals("60", bookmark.object().getJsonObject("metadata").getString("resourceVersion"));
        assertEquals(0, bookmark.object().getJsonArray("rows").size());

        WatchEvent error = new WatchEvent(WatchEvent.Type.ERROR, object("{'kind':'Status','code':410}"));
        assertEquals(error, events.convert(error));
    }

    @Test
    void watchEventsAreWrittenOnePerLine() {
        TableWatchEncoding encoding = new TableWatchEncoding(configMaps(TableVersion.V1, IncludeObject.NONE));
        String line = new String(encoding.encode(new SharedEvent(new WatchEvent(WatchEvent.Type.MODIFIED, SETTINGS))),
                StandardCharsets.UTF_8);
        assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, line);
        JsonObject event = JsonSupport.parse(line).asJsonObject();
        assertEquals("MODIFIED", event.getString("type"));
        assertEquals("Table", event.getJsonObject("object").getString("kind"));
        assertEquals("application/json", encoding.contentType());
    }
}
