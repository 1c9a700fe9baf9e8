package io.k3j.server.api.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.validation.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTest {

    @Test
    void notFoundRendersAsTheApiServerDoes() {
        assertEquals("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                        + "\"message\":\"pods \\\"x\\\" not found\",\"reason\":\"NotFound\","
                        + "\"details\":{\"name\":\"x\",\"kind\":\"pods\"},\"code\":404}",
                ApiException.notFound(ResourceCatalog.PODS, "x").status().toJson().toString());
    }

    @Test
    void groupedResourcesNameTheirGroup() {
        ApiException e = ApiException.modified(ResourceCatalog.LEASES, "l");
        assertEquals("Operation cannot be fulfilled on leases.coordination.k8s.io \"l\": the object has been modified; "
                + "please apply your changes to the latest version and try again", e.getMessage());
        assertEquals("coordination.k8s.io", e.status().toJson().getJsonObject("details").getString("group"));
        assertEquals(Reason.CONFLICT, e.reason());
    }

    @Test
    void invalidCarriesCausesAndTheKind() {
        ApiException e = ApiException.invalid(ResourceCatalog.CONFIG_MAPS, "c",
                List.of(FieldError.required("metadata.name", "x"), FieldError.invalid("data[k]", "k", "bad")));
        assertEquals("ConfigMap \"c\" is invalid: [metadata.name: Required value: x, data[k]: Invalid value: \"k\": bad]",
                e.getMessage());
        var details = e.status().toJson().getJsonObject("details");
        assertEquals("ConfigMap", details.getString("kind"));
        assertEquals("{\"reason\":\"FieldValueRequired\",\"message\":\"Required value: x\",\"field\":\"metadata.name\"}",
                details.getJsonArray("causes").getJsonObject(0).toString());
        assertThrows(IllegalArgumentException.class, () -> ApiException.invalid(ResourceCatalog.PODS, "p", List.of()));
    }

    @Test
    void codesFollowReasons() {
        assertEquals(410, ApiException.tooOldResourceVersion(3, 9).code());
        assertEquals("too old resource version: 3 (9)", ApiException.tooOldResourceVersion(3, 9).getMessage());
        assertEquals(405, ApiException.methodNotAllowed().code());
        assertEquals(415, ApiException.unsupportedMediaType("text/plain", List.of("application/json")).code());
        assertEquals(504, ApiException.tooLargeResourceVersion(9, 3).code());
        assertEquals(500, ApiException.internal("boom", new RuntimeException()).code());
        assertEquals(503, ApiException.unavailable("down", new RuntimeException()).code());
        assertEquals(400, ApiException.cannotDecode(ResourceCatalog.PODS, "spec: x").code());
    }

    @Test
    void aSuccessHasNoReason() {
        assertEquals("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"code\":201}",
                Status.success(201).toJson().toString());
    }
}
