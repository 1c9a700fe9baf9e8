package io.k3j.server.api.table;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The printers of the types whose rows are a name, a few counts and an age. */
class ObjectPrintersTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final String META = "'metadata':{'name':'x','creationTimestamp':'2024-05-01T11:59:48Z'}";

    private static List<String> headers(TypePrinter printer) {
        return printer.columns().stream().map(Column::name).toList();
    }

    private static List<String> cells(TypePrinter printer, String object) {
        return CellTexts.of(printer.cells(object(object), NOW));
    }

    @Test
    void namespaces() {
        TypePrinter printer = new NamespacePrinter();
        assertEquals(List.of("Name", "Status", "Age"), headers(printer));
        assertEquals(List.of("x", "Terminating", "12s"), cells(printer, "{" + META + ",'status':{'phase':'Terminating'}}"));
    }

    @Test
    void secretsCountTheirDataKeys() {
        TypePrinter printer = new SecretPrinter();
        assertEquals(List.of("Name", "Type", "Data", "Age"), headers(printer));
        assertEquals(List.of("x", "kubernetes.io/tls", "2", "12s"), cells(printer,
                "{" + META + ",'type':'kubernetes.io/tls','data':{'tls.crt':'YQ==','tls.key':'Yg=='}}"));
        assertEquals(List.of("x", "", "0", "12s"), cells(printer, "{" + META + "}"));
    }

    @Test
    void configMapsCountTextAndBinaryKeys() {
        TypePrinter printer = new ConfigMapPrinter();
        assertEquals(List.of("Name", "Data", "Age"), headers(printer));
        assertEquals(List.of("x", "3", "12s"), cells(printer,
                "{" + META + ",'data':{'a':'1','b':'2'},'binaryData':{'c':'AA=='}}"));
    }

    @Test
    void serviceAccountsCountTheirSecrets() {
        TypePrinter printer = new ServiceAccountPrinter();
        assertEquals(List.of("Name", "Secrets", "Age"), headers(printer));
        assertEquals(List.of("x", "1", "12s"), cells(printer, "{" + META + ",'secrets':[{'name':'token'}]}"));
    }

    @Test
    void leasesShowTheirHolder() {
        TypePrinter printer = new LeasePrinter();
        assertEquals(List.of("Name", "Holder", "Age"), headers(printer));
        assertEquals(List.of("x", "n1", "12s"), cells(printer, "{" + META + ",'spec':{'holderIdentity':'n1'}}"));
        assertEquals(List.of("x", "", "12s"), cells(printer, "{" + META + ",'spec':{}}"));
    }
}
