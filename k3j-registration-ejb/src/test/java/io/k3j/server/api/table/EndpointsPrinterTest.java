package io.k3j.server.api.table;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsPrinterTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final EndpointsPrinter PRINTER = new EndpointsPrinter();

    private static String endpoints(String subsets) {
        return CellTexts.of(PRINTER.cells(object("{'metadata':{'name':'kubernetes'},'subsets':" + subsets + "}"), NOW))
                .get(1);
    }

    @Test
    void hasTheColumnsOfKubectlGetEndpoints() {
        assertEquals(List.of("Name", "Endpoints", "Age"), PRINTER.columns().stream().map(Column::name).toList());
        assertEquals(List.of("kubernetes", "10.0.0.5:6443", "60s"), CellTexts.of(PRINTER.cells(object(
                "{'metadata':{'name':'kubernetes','creationTimestamp':'2024-05-01T11:59:00Z'},'subsets':[{'addresses':"
                        + "[{'ip':'10.0.0.5'}],'ports':[{'name':'https','port':6443}]}]}"), NOW)));
    }

    @Test
    void showsThreeAddressesAndCountsTheRest() {
        assertEquals("10.0.0.5:6443,10.0.0.6:6443,10.0.0.7:6443 + 2 more...", endpoints("[{'addresses':[{'ip':'10.0.0.5'},"
                + "{'ip':'10.0.0.6'},{'ip':'10.0.0.7'},{'ip':'10.0.0.8'}],'ports':[{'port':6443}]},"
                + "{'addresses':[{'ip':'10.0.1.1'}],'ports':[{'port':7443}]}]"));
        assertEquals("10.0.0.5:80,10.0.0.5:443", endpoints("[{'addresses':[{'ip':'10.0.0.5'}],"
                + "'ports':[{'name':'http','port':80},{'name':'https','port':443}]}]"));
    }

    @Test
    void noSubsetsIsNoneAndPortlessSubsetsShowBareAddresses() {
        assertEquals("<none>", endpoints("[]"));
        assertEquals("10.42.0.7,[fd00::7]:53", endpoints("[{'addresses':[{'ip':'10.42.0.7'}]},"
                + "{'addresses':[{'ip':'fd00::7'}],'ports':[{'port':53}]}]"));
        assertEquals("", endpoints("[{'notReadyAddresses':[{'ip':'10.42.0.8'}],'ports':[{'port':80}]}]"));
    }
}
