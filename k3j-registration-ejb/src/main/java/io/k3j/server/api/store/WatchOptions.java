package io.k3j.server.api.store;

import io.k3j.server.api.selector.FieldSelector;
import io.k3j.server.api.selector.LabelSelector;
import io.k3j.server.api.status.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The options of a watch.
 *
 * @param labelSelector which labels the objects must have
 * @param fieldSelector which field values the objects must have
 * @param resourceVersion empty or "0": start with an ADDED event for every object, then
 *     stream changes; a revision: stream the changes after it
 * @param allowBookmarks whether BOOKMARK events may be sent
 * @param bookmarkInterval how long a watch may stay silent before it sends a bookmark
 * @param timeout how long the watch runs before the server ends it; clients then watch again
 */
public record WatchOptions(LabelSelector labelSelector, FieldSelector fieldSelector, String resourceVersion,
        boolean allowBookmarks, Duration bookmarkInterval, Duration timeout) {

    /** About as often as the Kubernetes API server sends bookmarks. */
    public static final Duration DEFAULT_BOOKMARK_INTERVAL = Duration.ofMinutes(1);

    /**
     * A watch without timeoutSeconds runs between this and twice this, chosen at random, as in
     * Kubernetes (its minRequestTimeout), so that the watches of many clients do not all end together.
     */
    static final Duration MIN_DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private static final String NAME_FIELD = "metadata.name";

    public WatchOptions {
        Objects.requireNonNull(labelSelector, "labelSelector");
        Objects.requireNonNull(fieldSelector, "fieldSelector");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        Objects.requireNonNull(bookmarkInterval, "bookmarkInterval");
        Objects.requireNonNull(timeout, "timeout");
        if (bookmarkInterval.isNegative() || bookmarkInterval.isZero()) {
            throw new IllegalArgumentException("the bookmark interval must be positive");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout must not be negative");
        }
    }

    /** Every object, from the current state on, no bookmarks, the default timeout. */
    public static WatchOptions all() {
        return new WatchOptions(LabelSelector.everything(), FieldSelector.everything(), "", false,
                DEFAULT_BOOKMARK_INTERVAL, defaultTimeout());
    }

    /**
     * Reads the options from the query parameters of a request; absent parameters are null.
     *
     * @param timeoutSeconds absent or 0 for the default: between 30 and 60 minutes, at random
     * @throws ApiException 400 for a malformed selector, flag or timeout
     */
    public static WatchOptions fromQuery(String labelSelector, String fieldSelector, String resourceVersion,
            String allowWatchBookmarks, String timeoutSeconds) {
        String bookmarks = ListOptions.orEmpty(allowWatchBookmarks);
        if (!bookmarks.isEmpty() && !bookmarks.equals("true") && !bookmarks.equals("false")) {
            throw ApiException.badRequest("allowWatchBookmarks: Invalid value: \"" + bookmarks + "\": must be true or false");
        }
        return new WatchOptions(ListOptions.labels(labelSelector), ListOptions.fields(fieldSelector),
                ListOptions.orEmpty(resourceVersion), bookmarks.equals("true"), DEFAULT_BOOKMARK_INTERVAL,
                timeout(ListOptions.orEmpty(timeoutSeconds)));
    }

    private static Duration timeout(String seconds) {
        if (seconds.isEmpty()) {
            return defaultTimeout();
        }
        try {
            long value = Long.parseLong(seconds);
            if (value >= 0) {
                return value == 0 ? defaultTimeout() : Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("timeoutSeconds: Invalid value: \"" + seconds + "\": must be a non-negative integer");
    }

    private static Duration defaultTimeout() {
        long min = MIN_DEFAULT_TIMEOUT.toMillis();
        return Duration.ofMillis(min + ThreadLocalRandom.current().nextLong(min));
    }

    /**
     * The options of a watch of one object, by the URL's name: as Kubernetes does, the name
     * joins the field selector, which may name the same object but no other.
     *
     * @throws ApiException 400 when the field selector asks for another name
     */
    public WatchOptions forName(String name) {
        List<FieldSelector.Term> terms = new ArrayList<>();
        for (FieldSelector.Term term : fieldSelector.terms()) {
            if (term.field().equals(NAME_FIELD) && term.equal()) {
                if (!term.value().equals(name)) {
                    throw ApiException.badRequest("fieldSelector metadata.name doesn't match requested name");
                }
            } else {
                terms.add(term);
            }
        }
        terms.add(new FieldSelector.Term(NAME_FIELD, true, name));
        return new WatchOptions(labelSelector, FieldSelector.of(terms), resourceVersion, allowBookmarks,
                bookmarkInterval, timeout);
    }

    public WatchOptions withLabelSelector(String selector) {
        return new WatchOptions(ListOptions.labels(selector), fieldSelector, resourceVersion, allowBookmarks,
                bookmarkInterval, timeout);
    }

    public WatchOptions withFieldSelector(String selector) {
        return new WatchOptions(labelSelector, ListOptions.fields(selector), resourceVersion, allowBookmarks,
                bookmarkInterval, timeout);
    }

    public WatchOptions withResourceVersion(String version) {
        return new WatchOptions(labelSelector, fieldSelector, version, allowBookmarks, bookmarkInterval, timeout);
    }

    public WatchOptions withBookmarks(Duration interval) {
        return new WatchOptions(labelSelector, fieldSelector, resourceVersion, true, interval, timeout);
    }

    public WatchOptions withTimeout(Duration duration) {
        return new WatchOptions(labelSelector, fieldSelector, resourceVersion, allowBookmarks, bookmarkInterval, duration);
    }
}
