package io.k3j.api.kube;

import io.k3j.server.api.status.ApiException;
import io.k3j.server.api.store.DeleteOptions;
import io.k3j.server.api.store.ListOptions;
import io.k3j.server.api.store.WatchOptions;
import io.k3j.server.api.store.WriteOptions;
import jakarta.json.JsonObject;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;

/** The query parameters of resource requests; absent ones are null, as the option parsers expect. */
public class RequestQuery {

    /** How long a watch without timeoutSeconds runs; clients reconnect after it ends. */
    static final Duration DEFAULT_WATCH_TIMEOUT = Duration.ofMinutes(30);

    @QueryParam("labelSelector") String labelSelector;
    @QueryParam("fieldSelector") String fieldSelector;
    @QueryParam("limit") String limit;
    @QueryParam("continue") String continueToken;
    @QueryParam("resourceVersion") String resourceVersion;
    @QueryParam("resourceVersionMatch") String resourceVersionMatch;
    @QueryParam("watch") String watch;
    @QueryParam("allowWatchBookmarks") String allowWatchBookmarks;
    @QueryParam("timeoutSeconds") String timeoutSeconds;
    @QueryParam("dryRun") String dryRun;
    @QueryParam("gracePeriodSeconds") String gracePeriodSeconds;
    @QueryParam("propagationPolicy") String propagationPolicy;

    /** Whether a collection GET asks for a watch; Kubernetes takes "true" and "1". */
    boolean isWatch() {
        return "true".equals(watch) || "1".equals(watch);
    }

    ListOptions listOptions() {
        return ListOptions.fromQuery(labelSelector, fieldSelector, limit, continueToken, resourceVersion, resourceVersionMatch);
    }

    WatchOptions watchOptions() {
        return WatchOptions.fromQuery(labelSelector, fieldSelector, resourceVersion, allowWatchBookmarks);
    }

    WriteOptions writeOptions() {
        return WriteOptions.fromQuery(dryRun);
    }

    DeleteOptions deleteOptions(JsonObject body) {
        return DeleteOptions.fromRequest(body, gracePeriodSeconds, propagationPolicy, dryRun);
    }

    Duration watchTimeout() {
        if (timeoutSeconds == null || timeoutSeconds.isEmpty()) {
            return DEFAULT_WATCH_TIMEOUT;
        }
        try {
            long seconds = Long.parseLong(timeoutSeconds);
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("timeoutSeconds: Invalid value: \"" + timeoutSeconds
                + "\": must be a non-negative integer");
    }
}
