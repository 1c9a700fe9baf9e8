package io.k3j.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.store.DeleteOptions;
import io.k3j.server.nodepassword.NodePasswordHash;
import io.k3j.server.nodepassword.NodePasswords;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NodePasswordCleanerTest extends NodeControllerTestBase {

    private static final Duration GRACE = Duration.ofMinutes(5);

    @Test
    void aDeletedNodesPasswordGoesAtTheNextPass() {
        NodePasswords passwords = new NodePasswords(store, new NodePasswordHash(4, 8, 1), 1);
        NodePasswordCleaner cleaner = new NodePasswordCleaner(passwords, GRACE, clock);
        passwords.verifyOrStore("n1", "pw1");
        passwords.verifyOrStore("n2", "pw2");
        createNode("n1");
        createNode("n2");
        cleaner.clean(nodes(), Set.of());
        assertEquals(Set.of("n1", "n2"), passwordNodes(passwords));

        store.delete(ResourceCatalog.NODES, "", "n1", DeleteOptions.defaults());
        cleaner.clean(nodes(), Set.of());
        assertEquals(Set.of("n2"), passwordNodes(passwords));
        passwords.verifyOrStore("n1", "a-new-password"); // the name is free again
    }

    @Test
    void aNodeDeletedBetweenTwoPassesLosesItsPasswordToo() throws Exception {
        NodePasswords passwords = new NodePasswords(store, new NodePasswordHash(4, 8, 1), 1);
        NodePasswordCleaner cleaner = new NodePasswordCleaner(passwords, GRACE, clock);
        try (NodeDeletions deletions = new NodeDeletions(log)) {
            cleaner.clean(nodes(), deletions.drain());
            passwords.verifyOrStore("brief", "pw");
            createNode("brief");
            store.delete(ResourceCatalog.NODES, "", "brief", DeleteOptions.defaults());
            Set<String> deleted = new HashSet<>();
            for (int i = 0; i < 50 && deleted.isEmpty(); i++) { // the log's stream is fed asynchronously
                deleted.addAll(deletions.drain());
                Thread.sleep(100);
            }
            assertEquals(Set.of("brief"), deleted);
            cleaner.clean(nodes(), deleted);
            assertEquals(Set.of(), passwordNodes(passwords));
            assertEquals(Set.of(), deletions.drain(), "each deletion is told once");
        }
    }

    @Test
    void orphanedPasswordsGoAfterTheGracePeriod() {
        NodePasswords passwords = new NodePasswords(store, new NodePasswordHash(4, 8, 1), 1);
        NodePasswordCleaner cleaner = new NodePasswordCleaner(passwords, GRACE, clock);
        passwords.verifyOrStore("registering", "pw");
        clock.advance(Duration.ofMinutes(1));
        cleaner.clean(nodes(), Set.of());
        assertEquals(Set.of("registering"), passwordNodes(passwords), "its agent is about to create the node");
        clock.advance(GRACE);
        cleaner.clean(nodes(), Set.of());
        assertEquals(Set.of(), passwordNodes(passwords));
    }

    private static Set<String> passwordNodes(NodePasswords passwords) {
        return passwords.secrets().stream().map(s -> NodePasswords.nodeName(ObjectMeta.name(s)).orElseThrow())
                .collect(Collectors.toSet());
    }
}
