package io.k3j.server.api.table;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPrinterTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final EventPrinter PRINTER = new EventPrinter();

    @Test
    void hasTheColumnsOfKubectlGetEvents() {
        assertEquals(List.of("Last Seen", "Type", "Reason", "Object", "Message"), PRINTER.columns().stream()
                .filter(c -> c.priority() == 0).map(Column::name).toList());
        assertEquals(List.of("Subobject", "Source", "First Seen", "Count", "Name"), PRINTER.columns().stream()
                .filter(c -> c.priority() == 1).map(Column::name).toList());
    }

    @Test
    void showsWhenWhatAndAboutWhich() {
        String event = "{'metadata':{'name':'web.17a'},'type':'Warning','reason':'BackOff','message':' Back-off \\n',"
                + "'involvedObject':{'kind':'Pod','name':'web','fieldPath':'spec.containers{a}'},"
                + "'source':{'component':'kubelet','host':'n1'},'count':4,"
                + "'firstTimestamp':'2024-05-01T11:00:00Z','lastTimestamp':'2024-05-01T11:59:30Z'}";
        assertEquals(List.of("30s", "Warning", "BackOff", "pod/web", "spec.containers{a}", "kubelet, n1", "Back-off",
                "60m", "4", "web.17a"), CellTexts.of(PRINTER.cells(object(event), NOW)));
    }

    @Test
    void newStyleEventsFallBackToEventTimeTheReportingControllerAndACountOfOne() {
        String event = "{'metadata':{'name':'e'},'type':'Normal','reason':'Scheduled','message':'ok',"
                + "'involvedObject':{'kind':'Node'},'eventTime':'2024-05-01T11:59:54.876543Z',"
                + "'reportingComponent':'k3j-scheduler','reportingInstance':'server-1'}";
        assertEquals(List.of("5s", "Normal", "Scheduled", "node", "", "k3j-scheduler, server-1", "ok", "5s", "1", "e"),
                CellTexts.of(PRINTER.cells(object(event), NOW)));
    }

    @Test
    void aSeriesGivesTheLastObservationAndItsCount() {
        String event = "{'metadata':{'name':'e'},'involvedObject':{'kind':'Pod','name':'p'},"
                + "'eventTime':'2024-05-01T11:00:00.000000Z',"
                + "'series':{'count':7,'lastObservedTime':'2024-05-01T11:58:00.000000Z'}}";
        List<String> cells = CellTexts.of(PRINTER.cells(object(event), NOW));
        assertEquals("2m", cells.get(0));
        assertEquals("7", cells.get(8));
    }
}
