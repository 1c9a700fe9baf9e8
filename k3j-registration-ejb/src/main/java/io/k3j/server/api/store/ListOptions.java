package io.k3j.server.api.store;

import io.k3j.server.api.selector.FieldSelector;
import io.k3j.server.api.selector.LabelSelector;
import io.k3j.server.api.selector.SelectorException;
import io.k3j.server.api.status.ApiException;
import java.util.List;
import java.util.Objects;

/**
 * The options of a list or deletecollection.
 *
 * @param labelSelector which labels the objects must have
 * @param fieldSelector which field values the objects must have
 * @param limit at most this many objects per page; 0 for all
 * @param continueToken the continue token of the previous page, or empty
 * @param resourceVersion empty or "0" for the newest state; otherwise a revision, read as
 *     {@code resourceVersionMatch} says
 * @param resourceVersionMatch empty, {@code NotOlderThan} or {@code Exact}
 */
public record ListOptions(LabelSelector labelSelector, FieldSelector fieldSelector, int limit, String continueToken,
        String resourceVersion, String resourceVersionMatch) {

    public static final String NOT_OLDER_THAN = "NotOlderThan";
    public static final String EXACT = "Exact";

    public ListOptions {
        Objects.requireNonNull(labelSelector, "labelSelector");
        Objects.requireNonNull(fieldSelector, "fieldSelector");
        Objects.requireNonNull(continueToken, "continueToken");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        Objects.requireNonNull(resourceVersionMatch, "resourceVersionMatch");
        limit = Math.max(0, limit);
    }

    /** Every object, newest state, one page. */
    public static ListOptions all() {
        return new ListOptions(LabelSelector.everything(), FieldSelector.everything(), 0, "", "", "");
    }

    /**
     * Reads the options from the query parameters of a request; absent parameters are null.
     *
     * @throws ApiException 400 for a malformed selector, limit or combination of options
     */
    public static ListOptions fromQuery(String labelSelector, String fieldSelector, String limit, String continueToken,
            String resourceVersion, String resourceVersionMatch) {
        String rv = orEmpty(resourceVersion);
        String match = orEmpty(resourceVersionMatch);
        String token = orEmpty(continueToken);
        if (!match.isEmpty() && !List.of(NOT_OLDER_THAN, EXACT).contains(match)) {
            throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \"" + match
                    + "\": supported values: \"Exact\", \"NotOlderThan\", \"\"");
        }
        if (!match.isEmpty() && rv.isEmpty()) {
            throw ApiException.badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless "
                    + "resourceVersion is provided");
        }
        if (match.equals(EXACT) && rv.equals("0")) {
            throw ApiException.badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch \"Exact\" is forbidden "
                    + "for resourceVersion \"0\"");
        }
        if (!token.isEmpty() && (!match.isEmpty() || !(rv.isEmpty() || rv.equals("0")))) {
            throw ApiException.badRequest("specifying resource version is not allowed when using continue");
        }
        return new ListOptions(labels(labelSelector), fields(fieldSelector), limit(limit), token, rv, match);
    }

    public ListOptions withLabelSelector(String selector) {
        return new ListOptions(labels(selector), fieldSelector, limit, continueToken, resourceVersion, resourceVersionMatch);
    }

    public ListOptions withFieldSelector(String selector) {
        return new ListOptions(labelSelector, fields(selector), limit, continueToken, resourceVersion, resourceVersionMatch);
    }

    public ListOptions withLimit(int pageSize) {
        return new ListOptions(labelSelector, fieldSelector, pageSize, continueToken, resourceVersion, resourceVersionMatch);
    }

    public ListOptions withContinue(String token) {
        return new ListOptions(labelSelector, fieldSelector, limit, token, resourceVersion, resourceVersionMatch);
    }

    public ListOptions withResourceVersion(String version, String match) {
        return new ListOptions(labelSelector, fieldSelector, limit, continueToken, version, match);
    }

    /** Parses a label selector, a 400 when malformed. */
    static LabelSelector labels(String selector) {
        try {
            return LabelSelector.parse(orEmpty(selector));
        } catch (SelectorException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Parses a field selector, a 400 when malformed. */
    static FieldSelector fields(String selector) {
        try {
            return FieldSelector.parse(orEmpty(selector));
        } catch (SelectorException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static int limit(String limit) {
        String text = orEmpty(limit);
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(0, Long.parseLong(text)));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit: Invalid value: \"" + text + "\": must be an integer");
        }
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
