package io.k3j.server.api.strategy;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.resource.ResourceCatalog;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class NamespaceStrategyTest {

    private final ResourceStrategy strategy = Strategies.forType(ResourceCatalog.NAMESPACES);

    @Test
    void createdNamespacesAreActiveAndHeldByTheKubernetesFinalizer() {
        JsonObject created = strategy.prepareForCreate(object("{'metadata':{'name':'team'},'spec':{'finalizers':['x.io/f']},"
                + "'status':{'phase':'Terminating'}}"));
        assertEquals("{\"finalizers\":[\"x.io/f\",\"kubernetes\"]}", created.getJsonObject("spec").toString());
        assertEquals("Active", created.getJsonObject("status").getString("phase"));
        assertEquals("team", created.getJsonObject("metadata").getJsonObject("labels")
                .getString("kubernetes.io/metadata.name"));
        assertTrue(strategy.holdsDeletion(created));
    }

    @Test
    void specFinalizersChangeOnlyThroughFinalize() {
        JsonObject old = strategy.prepareForCreate(object("{'metadata':{'name':'team'}}"));
        JsonObject cleared = object("{'metadata':{'name':'team'},'spec':{'finalizers':[]}}");
        assertTrue(strategy.holdsDeletion(strategy.prepareForUpdate(cleared, old, "")));
        assertFalse(strategy.holdsDeletion(strategy.prepareForUpdate(cleared, old, "finalize")));
    }
}
