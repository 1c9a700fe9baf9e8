package io.k3j.server.api.strategy;

import static io.k3j.server.api.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k3j.server.api.json.JsonSupport;
import jakarta.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodStrategyTest {

    private final PodStrategy strategy = new PodStrategy();

    @Test
    void imagesWithoutTagOrLatestArePulledAlways() {
        assertTrue(PodStrategy.pullsAlways("nginx"));
        assertTrue(PodStrategy.pullsAlways("registry:5000/team/nginx:latest"));
        assertTrue(PodStrategy.pullsAlways("registry:5000/team/nginx"), "a registry port is not a tag");
        assertFalse(PodStrategy.pullsAlways("nginx:1.27"));
        assertFalse(PodStrategy.pullsAlways("nginx@sha256:abc"));
    }

    @Test
    void qosClassFollowsResources() {
        assertEquals("BestEffort", PodStrategy.qosClass(object("{'spec':{'containers':[{'name':'a'}]}}")));
        assertEquals("Burstable", PodStrategy.qosClass(object("{'spec':{'containers':[{'name':'a',"
                + "'resources':{'requests':{'cpu':'100m'}}}]}}")));
        assertEquals("Guaranteed", PodStrategy.qosClass(object("{'spec':{'containers':[{'name':'a',"
                + "'resources':{'limits':{'cpu':'1','memory':'1Gi'},'requests':{'cpu':'1','memory':'1Gi'}}}]}}")));
    }

    @Test
    void onlyPodsOnANodeWaitForAGracePeriod() {
        assertEquals(0, strategy.gracePeriodSeconds(object("{'spec':{}}"), Optional.of(30L)));
        assertEquals(30, strategy.gracePeriodSeconds(object("{'spec':{'nodeName':'n'}}"), Optional.empty()));
        assertEquals(5, strategy.gracePeriodSeconds(object("{'spec':{'nodeName':'n','terminationGracePeriodSeconds':5}}"),
                Optional.empty()));
        assertEquals(1, strategy.gracePeriodSeconds(object("{'spec':{'nodeName':'n'}}"), Optional.of(-1L)));
        assertEquals(0, strategy.gracePeriodSeconds(object("{'spec':{'nodeName':'n'},'status':{'phase':'Succeeded'}}"),
                Optional.empty()));
    }

    @Test
    void theBindingSubresourceMayChangeTheNode() {
        JsonObject old = strategy.prepareForCreate(object("{'spec':{'containers':[{'name':'a','image':'x'}]}}"));
        JsonObject bound = JsonSupport.with(old, JsonSupport.string("n1"), "spec", "nodeName");
        assertEquals(1, strategy.validateUpdate(bound, old, "").size());
        assertEquals(0, strategy.validateUpdate(bound, old, "binding").size());
    }
}
