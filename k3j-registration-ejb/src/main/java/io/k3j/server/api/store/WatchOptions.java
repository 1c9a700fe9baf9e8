package io.k3j.server.api.store;

import io.k3j.server.api.selector.FieldSelector;
import io.k3j.server.api.selector.LabelSelector;
import io.k3j.server.api.status.ApiException;
import java.time.Duration;
import java.util.Objects;

/**
 * The options of a watch.
 *
 * @param labelSelector which labels the objects must have
 * @param fieldSelector which field values the objects must have
 * @param resourceVersion empty or "0": start with an ADDED event for every object, then
 *     stream changes; a revision: stream the changes after it
 * @param allowBookmarks whether BOOKMARK events may be sent
 * @param bookmarkInterval how long a watch may stay silent before it sends a bookmark
 */
public record WatchOptions(LabelSelector labelSelector, FieldSelector fieldSelector, String resourceVersion,
        boolean allowBookmarks, Duration bookmarkInterval) {

    /** About as often as the Kubernetes API server sends bookmarks. */
    public static final Duration DEFAULT_BOOKMARK_INTERVAL = Duration.ofMinutes(1);

    public WatchOptions {
        Objects.requireNonNull(labelSelector, "labelSelector");
        Objects.requireNonNull(fieldSelector, "fieldSelector");
        Objects.requireNonNull(resourceVersion, "resourceVersion");
        Objects.requireNonNull(bookmarkInterval, "bookmarkInterval");
        if (bookmarkInterval.isNegative() || bookmarkInterval.isZero()) {
            throw new IllegalArgumentException("the bookmark interval must be positive");
        }
    }

    /** Every object, from the current state on, no bookmarks. */
    public static WatchOptions all() {
        return new WatchOptions(LabelSelector.everything(), FieldSelector.everything(), "", false, DEFAULT_BOOKMARK_INTERVAL);
    }

    /**
     * Reads the options from the query parameters of a request; absent parameters are null.
     *
     * @throws ApiException 400 for a malformed selector or flag
     */
    public static WatchOptions fromQuery(String labelSelector, String fieldSelector, String resourceVersion,
            String allowWatchBookmarks) {
        String bookmarks = ListOptions.orEmpty(allowWatchBookmarks);
        if (!bookmarks.isEmpty() && !bookmarks.equals("true") && !bookmarks.equals("false")) {
            throw ApiException.badRequest("allowWatchBookmarks: Invalid value: \"" + bookmarks + "\": must be true or false");
        }
        return new WatchOptions(ListOptions.labels(labelSelector), ListOptions.fields(fieldSelector),
                ListOptions.orEmpty(resourceVersion), bookmarks.equals("true"), DEFAULT_BOOKMARK_INTERVAL);
    }

    public WatchOptions withLabelSelector(String selector) {
        return new WatchOptions(ListOptions.labels(selector), fieldSelector, resourceVersion, allowBookmarks, bookmarkInterval);
    }

    public WatchOptions withFieldSelector(String selector) {
        return new WatchOptions(labelSelector, ListOptions.fields(selector), resourceVersion, allowBookmarks, bookmarkInterval);
    }

    public WatchOptions withResourceVersion(String version) {
        return new WatchOptions(labelSelector, fieldSelector, version, allowBookmarks, bookmarkInterval);
    }

    public WatchOptions withBookmarks(Duration interval) {
        return new WatchOptions(labelSelector, fieldSelector, resourceVersion, true, interval);
    }
}
