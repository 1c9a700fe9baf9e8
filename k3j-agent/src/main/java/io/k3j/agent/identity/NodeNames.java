package io.k3j.agent.identity;

import java.util.regex.Pattern;

/** Node names are DNS-1123 subdomains, as Kubernetes requires of a Node's name. */
public final class NodeNames {

    static final int MAX_LENGTH = 253;
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private NodeNames() {
    }

    public static boolean isValid(String name) {
        return name.length() <= MAX_LENGTH && SUBDOMAIN.matcher(name).matches();
    }

    /** @throws IllegalArgumentException saying what a node name must be */
    public static String check(String name, String source) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(source + " '" + name + "' is not a valid node name: it must be at most "
                    + MAX_LENGTH + " lower-case letters, digits, '-' and '.', starting and ending with a letter or digit");
        }
        return name;
    }
}
