package io.k3j.server.api.patch;

import static io.k3j.server.api.TestJson.json;
import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class PatcherTest {

    private static final JsonObject CM = object("{'metadata':{'name':'a'},'data':{'k':'v','l':'w'}}");

    @Test
    void appliesEachType() {
        assertEquals("{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"v\",\"l\":\"w\",\"m\":\"x\"}}",
                Patcher.apply(PatchType.JSON, CM, json("[{'op':'add','path':'/data/m','value':'x'}]"), PatchSchema.NONE)
                        .toString());
        assertEquals("{\"metadata\":{\"name\":\"a\"},\"data\":{\"l\":\"w\"}}",
                Patcher.apply(PatchType.MERGE, CM, json("{'data':{'k':null}}"), PatchSchema.NONE).toString());
        assertEquals("{\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"z\",\"l\":\"w\"}}",
                Patcher.apply(PatchType.STRATEGIC, CM, json("{'data':{'k':'z'}}"), PatchSchemas.GENERIC).toString());
    }

    @Test
    void refusesPatchesOfTheWrongShape() {
        assertThrows(PatchException.class, () -> Patcher.apply(PatchType.JSON, CM, json("{}"), PatchSchema.NONE));
        assertThrows(PatchException.class, () -> Patcher.apply(PatchType.MERGE, CM, json("[]"), PatchSchema.NONE));
        assertThrows(PatchException.class, () -> Patcher.apply(PatchType.STRATEGIC, CM, json("1"), PatchSchema.NONE));
        assertThrows(PatchException.class, () -> Patcher.apply(PatchType.JSON, CM,
                json("[{'op':'replace','path':'','value':[]}]"), PatchSchema.NONE));
        assertThrows(PatchException.class, () -> Patcher.apply(PatchType.JSON, CM, json("[{'path':'/x'}]"), PatchSchema.NONE));
    }

    @Test
    void knowsItsContentTypes() {
        assertEquals(Optional.of(PatchType.STRATEGIC),
                PatchType.fromContentType("application/strategic-merge-patch+json; charset=utf-8"));
        assertEquals(Optional.of(PatchType.JSON), PatchType.fromContentType("Application/JSON-Patch+JSON"));
        assertEquals(Optional.empty(), PatchType.fromContentType("application/apply-patch+yaml"));
        assertEquals(3, PatchType.contentTypes().size());
    }
}
