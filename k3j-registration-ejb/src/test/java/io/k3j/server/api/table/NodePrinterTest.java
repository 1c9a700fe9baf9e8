package io.k3j.server.api.table;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodePrinterTest {

    private static final Instant NOW = Instant.parse("2024-05-03T15:00:00Z");
    private static final NodePrinter PRINTER = new NodePrinter();

    @Test
    void hasTheColumnsOfKubectlGetNodes() {
        assertEquals(List.of("Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image",
                "Kernel-Version", "Container-Runtime"), PRINTER.columns().stream().map(Column::name).toList());
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1), PRINTER.columns().stream().map(Column::priority).toList());
    }

    @Test
    void aReadyNodeShowsItsRolesAddressesAndSystem() {
        String node = "{'metadata':{'name':'n1','creationTimestamp':'2024-05-01T12:00:00Z','labels':{"
                + "'node-role.kubernetes.io/master':'true','node-role.kubernetes.io/control-plane':'true',"
                + "'kubernetes.io/role':'etcd','kubernetes.io/hostname':'n1'}},"
                + "'status':{'conditions':[{'type':'MemoryPressure','status':'False'},{'type':'Ready','status':'True'}],"
                + "'addresses':[{'type':'Hostname','address':'n1'},{'type':'InternalIP','address':'10.0.0.5'}],"
                + "'nodeInfo':{'kubeletVersion':'v1.31.0+k3j1','osImage':'Debian GNU/Linux 12',"
                + "'kernelVersion':'6.1.0','containerRuntimeVersion':'process://1'}}}";
        assertEquals(List.of("n1", "Ready", "control-plane,etcd,master", "2d3h", "v1.31.0+k3j1", "10.0.0.5", "<none>",
                "Debian GNU/Linux 12", "6.1.0", "process://1"), CellTexts.of(PRINTER.cells(object(node), NOW)));
    }

    @Test
    void aNodeWithoutReadyConditionIsUnknownAndACordonedOneSaysSo() {
        String node = "{'metadata':{'name':'n2'},'spec':{'unschedulable':true},'status':{}}";
        assertEquals(List.of("n2", "Unknown,SchedulingDisabled", "<none>", "<unknown>", "", "<none>", "<none>",
                "<unknown>", "<unknown>", "<unknown>"), CellTexts.of(PRINTER.cells(object(node), NOW)));
        String notReady = "{'metadata':{'name':'n3'},'status':{'conditions':[{'type':'Ready','status':'Unknown'}]}}";
        assertEquals("NotReady", CellTexts.of(PRINTER.cells(object(notReady), NOW)).get(1));
    }
}
