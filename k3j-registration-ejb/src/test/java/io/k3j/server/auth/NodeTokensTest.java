package io.k3j.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeTokensTest {

    private final NodeTokens tokens = new NodeTokens("cluster-secret");

    @Test
    void aTokenNamesItsNode() {
        String token = tokens.issue("worker-1.example.com");
        assertTrue(token.startsWith("k3j-node.worker-1.example.com."), token);
        assertEquals(Optional.of("worker-1.example.com"), tokens.verify(token));
        assertEquals(token, new NodeTokens("cluster-secret").issue("worker-1.example.com"), "every server issues the same");
    }

    @Test
    void forgedOrForeignTokensProveNothing() {
        String token = tokens.issue("n1");
        assertTrue(tokens.verify(token.replace("k3j-node.n1.", "k3j-node.n2.")).isEmpty(), "another node's name");
        assertTrue(tokens.verify(token.substring(0, token.length() - 2)).isEmpty(), "a cut MAC");
        assertTrue(new NodeTokens("other-cluster").verify(token).isEmpty(), "another cluster's token");
        assertTrue(tokens.verify("k3j-node..abc").isEmpty());
        assertTrue(tokens.verify("n1").isEmpty());
        assertFalse(token.contains("cluster-secret"));
    }

    @Test
    void verifiersTurnCredentialsIntoUsers() {
        NodeTokenVerifier nodes = new NodeTokenVerifier(tokens);
        Credentials bearer = Credentials.fromAuthorizationHeader("Bearer " + tokens.issue("n1"));
        UserInfo user = nodes.verify(bearer).orElseThrow();
        assertEquals("system:node:n1", user.name());
        assertEquals(Optional.of("n1"), user.nodeName());
        assertFalse(user.isMaster());

        ClusterTokenVerifier cluster = new ClusterTokenVerifier("cluster-secret");
        assertEquals(Optional.of(UserInfo.NODE_BOOTSTRAP), cluster.verify(basic("node", "cluster-secret")));
        assertTrue(cluster.verify(basic("node", "cluster-secreT")).isEmpty());
        assertTrue(cluster.verify(basic("admin", "cluster-secret")).isEmpty());
        assertTrue(cluster.verify(bearer).isEmpty());
    }

    private static Credentials basic(String user, String password) {
        return new Credentials(Optional.empty(), Optional.of(new Credentials.Basic(user, password)));
    }
}
