package io.k3j.api.it;

import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test of the web module starts from: the WAR as the build made it,
 * deployed by Arquillian on a real Payara Micro, and seen from outside as a client sees it.
 */
@ExtendWith(ArquillianExtension.class)
abstract class DeployedWar {

    @ArquillianResource
    protected URL deployment;

    @Deployment(testable = false)
    static WebArchive k3jWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/k3j.war"));
    }

    protected ItServer server() {
        return new ItServer(deployment);
    }

    /** A namespace name for one test, made from its method name, so that tests do not see each other's objects. */
    protected static String namespaceFor(String prefix, TestInfo test) {
        String name = prefix + test.getTestMethod().orElseThrow().getName().replaceAll("([A-Z])", "-$1").toLowerCase();
        return name.substring(0, Math.min(name.length(), 63)).replaceAll("-+$", "");
    }
}
