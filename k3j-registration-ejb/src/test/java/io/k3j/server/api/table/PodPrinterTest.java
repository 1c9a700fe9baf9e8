package io.k3j.server.api.table;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodPrinterTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final PodPrinter PRINTER = new PodPrinter();

    private static List<String> cells(String pod) {
        return CellTexts.of(PRINTER.cells(object(pod), NOW));
    }

    private static String pod(String spec, String status) {
        return "{'metadata':{'name':'web','creationTimestamp':'2024-05-01T11:55:00Z'},'spec':" + spec
                + ",'status':" + status + "}";
    }

    @Test
    void hasTheColumnsOfKubectlGetPods() {
        assertEquals(List.of("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node",
                "Readiness Gates"), PRINTER.columns().stream().map(Column::name).toList());
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 1, 1, 1), PRINTER.columns().stream().map(Column::priority).toList());
    }

    @Test
    void aNewPodIsPendingWithNothingAssigned() {
        assertEquals(List.of("web", "0/1", "Pending", "0", "5m", "<none>", "<none>", "<none>", "<none>"),
                cells(pod("{'containers':[{'name':'c'}]}", "{'phase':'Pending'}")));
    }

    @Test
    void aRunningPodCountsItsReadyContainers() {
        String status = "{'phase':'Running','podIPs':[{'ip':'10.42.0.7'}],'conditions':[{'type':'Ready','status':'True'}],"
                + "'containerStatuses':[{'name':'a','ready':true,'restartCount':0,'state':{'running':{}}},"
                + "{'name':'b','ready':false,'restartCount':0,'state':{'running':{}}}]}";
        assertEquals(List.of("web", "1/2", "Running", "0", "5m", "10.42.0.7", "n1", "<none>", "<none>"),
                cells(pod("{'nodeName':'n1','containers':[{'name':'a'},{'name':'b'}]}", status)));
    }

    @Test
    void aWaitingContainerGivesItsReasonAndRestartsTellWhenTheLastOneWas() {
        String status = "{'phase':'Running','containerStatuses':[{'name':'a','ready':false,'restartCount':3,"
                + "'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
                + "'lastState':{'terminated':{'exitCode':1,'finishedAt':'2024-05-01T11:58:00Z'}}}]}";
        List<String> cells = cells(pod("{'containers':[{'name':'a'}]}", status));
        assertEquals(List.of("0/1", "CrashLoopBackOff", "3 (2m ago)"), cells.subList(1, 4));
    }

    @Test
    void anEndedContainerWithoutReasonShowsItsExitCodeOrSignal() {
        String exit = "{'phase':'Failed','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':2}}}]}";
        assertEquals("ExitCode:2", cells(pod("{'containers':[{'name':'a'}]}", exit)).get(2));
        String signal = "{'phase':'Failed','containerStatuses':[{'name':'a','state':{'terminated':{'exitCode':137,"
                + "'signal':9}}}]}";
        assertEquals("Signal:9", cells(pod("{'containers':[{'name':'a'}]}", signal)).get(2));
    }

    @Test
    void initContainersShowProgressUntilTheyAreDone() {
        String spec = "{'initContainers':[{'name':'i1'},{'name':'i2'}],'containers':[{'name':'a'}]}";
        String second = "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'terminated':{'exitCode':0}}},"
                + "{'name':'i2','state':{'running':{}}}],"
                + "'containerStatuses':[{'name':'a','state':{'waiting':{'reason':'PodInitializing'}}}]}";
        assertEquals("Init:1/2", cells(pod(spec, second)).get(2));
        String failing = "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'waiting':"
                + "{'reason':'ImagePullBackOff'}}}]}";
        assertEquals("Init:ImagePullBackOff", cells(pod(spec, failing)).get(2));
        String crashed = "{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'terminated':"
                + "{'exitCode':3}}}]}";
        assertEquals("Init:ExitCode:3", cells(pod(spec, crashed)).get(2));
    }

    @Test
    void aRestartableInitContainerCountsAsAContainer() {
        String spec = "{'initContainers':[{'name':'proxy','restartPolicy':'Always'}],'containers':[{'name':'a'}]}";
        String status = "{'phase':'Running','conditions':[{'type':'Initialized','status':'True'}],"
                + "'initContainerStatuses':[{'name':'proxy','started':true,'ready':true,'restartCount':1,"
                + "'state':{'running':{}}}],"
                + "'containerStatuses':[{'name':'a','ready':true,'restartCount':0,'state':{'running':{}}}]}";
        assertEquals(List.of("2/2", "Running", "1"), cells(pod(spec, status)).subList(1, 4));
    }

    @Test
    void aDeletedPodIsTerminatingUnlessItFinished() {
        String deleting = "{'metadata':{'name':'web','deletionTimestamp':'2024-05-01T11:59:00Z'},"
                + "'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Running'}}";
        assertEquals("Terminating", cells(deleting).get(2));
        String finished = deleting.replace("Running", "Succeeded");
        assertEquals("Succeeded", cells(finished).get(2));
        assertEquals("Unknown", cells(deleting.replace("'phase':'Running'", "'phase':'Running','reason':'NodeLost'"))
                .get(2));
    }

    @Test
    void readinessGatesCountTheConditionsThatHold() {
        String spec = "{'containers':[{'name':'a'}],'readinessGates':[{'conditionType':'lb/ready'},"
                + "{'conditionType':'dns/ready'}]}";
        String status = "{'phase':'Running','conditions':[{'type':'lb/ready','status':'True'},"
                + "{'type':'dns/ready','status':'False'}]}";
        assertEquals("1/2", cells(pod(spec, status)).get(8));
    }

    @Test
    void aFinishedPodsRowIsMarkedCompleted() {
        JsonObject succeeded = object(pod("{'containers':[]}", "{'phase':'Succeeded'}"));
        assertEquals(List.of(object("{'type':'Completed','status':'True','reason':'Succeeded',"
                + "'message':'The pod has completed successfully.'}")), PRINTER.conditions(succeeded));
        assertEquals(List.of(), PRINTER.conditions(object(pod("{'containers':[]}", "{'phase':'Running'}"))));
    }

    @Test
    void cellsAreStringsAsKubernetesSendsThem() {
        for (JsonValue cell : PRINTER.cells(object(pod("{'containers':[]}", "{}")), NOW)) {
            assertEquals(JsonValue.ValueType.STRING, cell.getValueType(), JsonSupport.toText(cell));
        }
    }
}
