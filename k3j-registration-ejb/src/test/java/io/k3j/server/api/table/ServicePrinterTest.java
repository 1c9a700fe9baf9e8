package io.k3j.server.api.table;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePrinterTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final ServicePrinter PRINTER = new ServicePrinter();
    private static final String META = "'metadata':{'name':'web','creationTimestamp':'2024-05-01T11:00:00Z'}";

    private static List<String> cells(String spec, String status) {
        return CellTexts.of(PRINTER.cells(object("{" + META + ",'spec':" + spec + ",'status':" + status + "}"), NOW));
    }

    @Test
    void hasTheColumnsOfKubectlGetServices() {
        assertEquals(List.of("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"),
                PRINTER.columns().stream().map(Column::name).toList());
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 1), PRINTER.columns().stream().map(Column::priority).toList());
    }

    @Test
    void aClusterIpServiceShowsItsAddressPortsAndSortedSelector() {
        assertEquals(List.of("web", "ClusterIP", "10.43.12.7", "<none>", "80/TCP,53/UDP", "60m", "app=web,tier=front"),
                cells("{'type':'ClusterIP','clusterIP':'10.43.12.7','clusterIPs':['10.43.12.7'],"
                        + "'selector':{'tier':'front','app':'web'},'ports':[{'port':80,'protocol':'TCP'},"
                        + "{'port':53,'protocol':'UDP'}]}", "{'loadBalancer':{}}"));
    }

    @Test
    void nodePortsAndExternalIpsAreShownAsKubectlShowsThem() {
        assertEquals(List.of("web", "NodePort", "10.43.0.9", "192.168.1.10,192.168.1.11", "80:30080/TCP", "60m",
                "<none>"), cells("{'type':'NodePort','clusterIPs':['10.43.0.9'],'externalIPs':['192.168.1.10',"
                        + "'192.168.1.11'],'ports':[{'port':80,'nodePort':30080,'protocol':'TCP'}]}", "{}"));
    }

    @Test
    void aLoadBalancerIsPendingUntilItHasAnIngress() {
        String spec = "{'type':'LoadBalancer','clusterIPs':['10.43.0.9'],'ports':[{'port':443,'protocol':'TCP'}]}";
        assertEquals("<pending>", cells(spec, "{'loadBalancer':{}}").get(3));
        assertEquals("203.0.113.5,lb.example.com", cells(spec,
                "{'loadBalancer':{'ingress':[{'ip':'203.0.113.5'},{'hostname':'lb.example.com'}]}}").get(3));
    }

    @Test
    void headlessAndExternalNameServices() {
        assertEquals(List.of("web", "ClusterIP", "None", "<none>", "<none>", "60m", "app=db"),
                cells("{'type':'ClusterIP','clusterIP':'None','clusterIPs':['None'],'selector':{'app':'db'}}", "{}"));
        assertEquals(List.of("web", "ExternalName", "<none>", "example.com", "<none>", "60m", "<none>"),
                cells("{'type':'ExternalName','externalName':'example.com'}", "{}"));
    }
}
