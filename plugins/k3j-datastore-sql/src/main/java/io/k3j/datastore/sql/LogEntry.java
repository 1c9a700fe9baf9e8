package io.k3j.datastore.sql;

import io.k3j.spi.datastore.Event;
import io.k3j.spi.datastore.KeyValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.util.Optional;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;

/**
 * One row of the log: a create, update or delete of a key at a revision. A delete row keeps
 * the key's last value; every row keeps the value it replaced, so that watchers get the
 * previous state without a second read (as kine does).
 */
@Entity
@Table(name = "k3j_log")
@NamedNativeQuery(name = LogEntry.NEWEST_HEAD,
        query = "SELECT revision, kind FROM k3j_log WHERE name = ? ORDER BY revision DESC LIMIT 1")
@NamedQuery(name = LogEntry.ENTRIES_AFTER,
        query = "SELECT e FROM LogEntry e WHERE e.revision > :after AND e.revision <= :upTo ORDER BY e.revision")
// MAX rather than ORDER BY with a row limit: EclipseLink prints a limit into the SQL, so a limited
// query is prepared again at every use, which cost a get over a twentieth of its time
@NamedQuery(name = LogEntry.NEWEST_AT,
        query = "SELECT e FROM LogEntry e WHERE e.revision = "
                + "(SELECT MAX(x.revision) FROM LogEntry x WHERE x.name = :name AND x.revision <= :at)",
        hints = @QueryHint(name = QueryHints.READ_ONLY, value = HintValues.TRUE))
public class LogEntry {

    /** Named queries are prepared once per session, not at every use. */
    static final String NEWEST_HEAD = "LogEntry.newestHead";
    static final String ENTRIES_AFTER = "LogEntry.entriesAfter";
    /** A key's newest row at or before a revision. */
    static final String NEWEST_AT = "LogEntry.newestAt";

    static final short CREATED = 0;
    static final short UPDATED = 1;
    static final short DELETED = 2;

    @Id
    @Column(name = "revision")
    private long revision;

    @Column(name = "name", nullable = false, length = 630)
    private String name;

    @Column(name = "kind", nullable = false)
    private short kind;

    @Column(name = "create_revision", nullable = false)
    private long createRevision;

    /** The revision of the key's previous row, 0 for the first. */
    @Column(name = "prev_revision", nullable = false)
    private long prevRevision;

    @Column(name = "data", nullable = false)
    private byte[] data;

    @Column(name = "old_data")
    private byte[] oldData;

    protected LogEntry() {
        // for JPA
    }

    LogEntry(long revision, String name, short kind, long createRevision, long prevRevision, byte[] data, byte[] oldData) {
        this.revision = revision;
        this.name = name;
        this.kind = kind;
        this.createRevision = createRevision;
        this.prevRevision = prevRevision;
        this.data = data;
        this.oldData = oldData;
    }

    long revision() {
        return revision;
    }

    String name() {
        return name;
    }

    boolean isDelete() {
        return kind == DELETED;
    }

    long createRevision() {
        return createRevision;
    }

    long prevRevision() {
        return prevRevision;
    }

    byte[] data() {
        return data;
    }

    /** The key as this row left it (for a delete: as it was just before). */
    KeyValue toKeyValue() {
        return new KeyValue(name, data, createRevision, revision);
    }

    /** The key as it was before this row. */
    Optional<KeyValue> previous() {
        return kind == CREATED || oldData == null
                ? Optional.empty()
                : Optional.of(new KeyValue(name, oldData, createRevision, prevRevision));
    }

    Event toEvent() {
        Event.Type type = switch (kind) {
            case CREATED -> Event.Type.CREATED;
            case UPDATED -> Event.Type.UPDATED;
            default -> Event.Type.DELETED;
        };
        return new Event(type, toKeyValue(), previous());
    }
}
