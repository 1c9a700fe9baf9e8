package io.k3j.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bearer tokens that registration hands to nodes: {@code k3j-node.<node name>.<mac>}, where the
 * MAC is HMAC-SHA256 of the name keyed with a key derived from the cluster token. Every server of a
 * cluster derives the same key, so a node's token works on each of them, and checking one costs a
 * hash rather than a datastore read. Like K3s's node client certificates, a token stays valid
 * after its node is deleted; the node password is what guards the name.
 */
public final class NodeTokens {

    private static final String PREFIX = "k3j-node.";

    private final SecretKeySpec key;

    /** @param clusterToken the cluster token, a secret */
    public NodeTokens(String clusterToken) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(clusterToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                "k3j-node-tokens"), "HmacSHA256");
    }

    /** The token of the node with this name. */
    public String issue(String nodeName) {
        return PREFIX + nodeName + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, nodeName));
    }

    /** The node's name when the token is one that {@link #issue} made, in constant time per name. */
    public Optional<String> verify(String token) {
        int lastDot = token.lastIndexOf('.');
        if (!token.startsWith(PREFIX) || lastDot <= PREFIX.length()) {
            return Optional.empty();
        }
        String nodeName = token.substring(PREFIX.length(), lastDot);
        byte[] expected = issue(nodeName).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))
                ? Optional.of(nodeName)
                : Optional.empty();
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
