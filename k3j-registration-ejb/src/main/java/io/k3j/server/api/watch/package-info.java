/**
 * Watches served from one in-memory stream per server: the {@link io.k3j.server.api.watch.WatchFanout}
 * reads every change of the registry once from the revision log, decodes it once, keeps a window
 * of recent changes for watches that resume, and hands each change to the watches of its type and
 * namespace, which apply their selectors and queue their events for a non-blocking writer.
 */
package io.k3j.server.api.watch;
