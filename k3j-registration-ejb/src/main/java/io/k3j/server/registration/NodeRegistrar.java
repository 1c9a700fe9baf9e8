package io.k3j.server.registration;

import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.status.Reason;
import io.k3j.server.api.status.Status;
import io.k3j.server.api.validation.NameRules;
import io.k3j.server.auth.NodeTokens;
import io.k3j.server.nodepassword.NodePasswordMismatchException;
import io.k3j.server.nodepassword.NodePasswords;

/**
 * Admits agents under their node names, by the seed's rules: the cluster token (checked before,
 * by authentication), a valid node name, and the node's password. An admitted agent gets the node
 * token it uses for the Kubernetes API.
 */
public final class NodeRegistrar {

    /** Longer passwords are refused before they cost a hash; agents generate 64 characters. */
    static final int MAX_PASSWORD_LENGTH = 256;

    private final NodePasswords passwords;
    private final NodeTokens tokens;

    public NodeRegistrar(NodePasswords passwords, NodeTokens tokens) {
        this.passwords = passwords;
        this.tokens = tokens;
    }

    /**
     * Registers an agent.
     *
     * @param nodeName the {@code K3j-Node-Name} it presented; null when absent
     * @param password the {@code K3j-Node-Password} it presented; null when absent
     * @throws ApiException 400 for a missing or invalid name or password, 403 for a password that
     *     does not match the one stored for the name
     */
    public Registration register(String nodeName, String password) {
        if (nodeName == null || nodeName.isEmpty()) {
            throw ApiException.badRequest("the node name is missing: an agent sends it in the K3j-Node-Name header");
        }
        // the password Secret's name is a valid subdomain exactly when the node name is one short enough for it
        if (!NameRules.dns1123Subdomain(NodePasswords.secretName(nodeName)).isEmpty()) {
            throw ApiException.badRequest("invalid node name \"" + nodeName + "\": a node name must be a lowercase "
                    + "RFC 1123 subdomain of at most " + (NameRules.DNS1123_SUBDOMAIN_MAX - NodePasswords.secretName("").length())
                    + " characters (letters, digits, '-' and '.'); set one with --node-name");
        }
        if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD_LENGTH) {
            throw ApiException.badRequest("the node password is missing or longer than " + MAX_PASSWORD_LENGTH
                    + " characters: an agent sends the contents of <data-dir>/node/password in the K3j-Node-Password header");
        }
        try {
            boolean first = passwords.verifyOrStore(nodeName, password);
            return new Registration(nodeName, tokens.issue(nodeName), first);
        } catch (NodePasswordMismatchException e) {
            throw new ApiException(Status.failure(Reason.FORBIDDEN, "node password rejected for node \"" + nodeName
                    + "\": this name is registered with another password (a second machine with the same host name, or "
                    + "a lost <data-dir>/node/password). Delete the old node with \"kubectl delete node " + nodeName
                    + "\" so that its password goes with it, or start the agent with --with-node-id for a unique name"));
        }
    }
}
