package io.k3j.server.api.table;

import io.k3j.server.api.json.JsonSupport;
import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.api.store.WatchEvent;
import io.k3j.server.api.watch.SharedEvent;
import io.k3j.server.api.watch.WatchEncoding;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The events of one watch in Table form, as {@code kubectl get -w} reads them: each object
 * becomes a Table of one row, and only the first carries the column definitions, as in
 * Kubernetes. ERROR events keep their Status; a BOOKMARK becomes a Table without rows that
 * carries its resourceVersion. One instance per watch.
 */
public final class TableWatchEncoding implements WatchEncoding {

    private final TableConverter converter;
    /** Writer threads may change between events of one watch. */
    private final AtomicBoolean columnsSent = new AtomicBoolean();

    public TableWatchEncoding(TableConverter converter) {
        this.converter = Objects.requireNonNull(converter, "converter");
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] encode(SharedEvent shared) {
        WatchEvent event = convert(shared.event());
        byte[] json = JsonSupport.toBytes(event.toJson());
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    WatchEvent convert(WatchEvent event) {
        return switch (event.type()) {
            case ERROR -> event;
            case BOOKMARK -> new WatchEvent(event.type(), converter.empty(ObjectMeta.resourceVersion(event.object())));
            case ADDED, MODIFIED, DELETED ->
                    new WatchEvent(event.type(), converter.watched(event.object(), !columnsSent.getAndSet(true)));
        };
    }
}
