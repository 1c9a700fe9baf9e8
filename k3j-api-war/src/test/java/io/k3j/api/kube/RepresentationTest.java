package io.k3j.api.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import io.k3j.server.api.table.TableVersion;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepresentationTest {

    private static Optional<TableVersion> table(String accept) {
        return Representation.negotiate(accept).table();
    }

    @Test
    void kubectlGetAsksForTheV1Table() {
        assertEquals(Optional.of(TableVersion.V1), table("application/json;as=Table;v=v1;g=meta.k8s.io,"
                + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"));
    }

    @Test
    void plainJsonOrNoAcceptHeaderAsksForTheObjects() {
        assertEquals(Optional.empty(), table(null));
        assertEquals(Optional.empty(), table(""));
        assertEquals(Optional.empty(), table("application/json"));
        assertEquals(Optional.empty(), table("*/*"));
        assertEquals(Optional.empty(), table("application/json, */*"));
    }

    @Test
    void tableVersionsTheServerDoesNotHaveAreSkipped() {
        assertEquals(Optional.of(TableVersion.V1BETA1), table("application/json;as=Table;v=v2;g=meta.k8s.io,"
                + " application/json; as=Table; v=v1beta1; g=meta.k8s.io"));
        assertEquals(Optional.empty(), table("application/json;as=Table;v=v9;g=meta.k8s.io,application/json"));
        assertEquals(Optional.empty(), table("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,"
                + "application/json"));
        assertEquals(Optional.empty(), table("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,"
                + "application/json"));
    }

    @Test
    void qualityOrdersTheChoices() {
        assertEquals(Optional.empty(), table("application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5,application/json"));
        assertEquals(Optional.of(TableVersion.V1), table("application/json;q=0.1,"
                + "application/json;as=Table;v=\"v1\";g=meta.k8s.io"));
        assertEquals(Optional.of(TableVersion.V1), table("application/json;q=0,"
                + "application/json;as=Table;v=v1;g=meta.k8s.io"));
    }

    @Test
    void onlyTablesTheServerDoesNotHaveIsNotAcceptable() {
        ApiException e = assertThrows(ApiException.class,
                () -> Representation.negotiate("application/json;as=Table;v=v2;g=meta.k8s.io"));
        assertEquals(Reason.NOT_ACCEPTABLE, e.reason());
        assertEquals(406, e.code());
        assertTrue(e.getMessage().startsWith("only the following media types are accepted: application/json, "
                + "application/json;as=Table;v=v1;g=meta.k8s.io"), e.getMessage());
        assertThrows(ApiException.class, () -> Representation.negotiate("application/yaml"));
    }
}
