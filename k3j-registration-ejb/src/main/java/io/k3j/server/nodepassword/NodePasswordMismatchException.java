package io.k3j.server.nodepassword;

/** A registration that presents another password than the one stored for its node name. */
public final class NodePasswordMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String nodeName;

    public NodePasswordMismatchException(String nodeName) {
        super("node password rejected for node \"" + nodeName + "\"");
        this.nodeName = nodeName;
    }

    public String nodeName() {
        return nodeName;
    }
}
