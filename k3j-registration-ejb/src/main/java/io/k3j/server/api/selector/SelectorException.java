package io.k3j.server.api.selector;

/** A selector that does not parse, with a message that says where and why. */
public class SelectorException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SelectorException(String message) {
        super(message);
    }
}
