package io.k3j.datastore.sql;

import io.k3j.spi.datastore.CompactedException;
import io.k3j.spi.datastore.DatastoreConfig;
import io.k3j.spi.datastore.DatastoreException;
import io.k3j.spi.datastore.DatastoreUnavailableException;
import io.k3j.spi.datastore.KeyExistsException;
import io.k3j.spi.datastore.KeyNotFoundException;
import io.k3j.spi.datastore.KeyValue;
import io.k3j.spi.datastore.Page;
import io.k3j.spi.datastore.RevisionConflictException;
import io.k3j.spi.datastore.RevisionLog;
import io.k3j.spi.datastore.WatchStream;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * The revision log over JPA, for every SQL database through a {@link SqlDialect}.
 *
 * <p>Every write runs in one transaction that first increments the revision counter row: its
 * lock serializes writers across all processes sharing the database, so revisions commit in
 * order, conflicts are checked against the newest row with nothing racing in between, and a
 * watcher that reads rows in revision order never misses one that commits late. Writers of
 * this process queue on a local lock first, so the database sees one writer per process.
 */
public final class JpaRevisionLog implements RevisionLog {

    private static final Logger LOG = Logger.getLogger(JpaRevisionLog.class.getName());
    private static final int WATCH_CAPACITY = 10_000;
    private static final int COMPACT_BATCH = 1_000;
    /** At most this many values in one {@code IN} list. */
    private static final int IN_LIST_CHUNK = 500;
    private static final int MAX_KEY_LENGTH = 630;
    /** EclipseLink shares one session among factories of one unit name: each log needs its own. */
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final SqlDialect dialect;
    private final EntityManagerFactory emf;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final WatchHub hub;
    private final ScheduledExecutorService compactor;
    private final long retention;

    private JpaRevisionLog(SqlDialect dialect, EntityManagerFactory emf, DatastoreConfig config) {
        this.dialect = dialect;
        this.emf = emf;
        this.retention = config.retention();
        createSchema();
        this.hub = new WatchHub(new HubSource(), config.pollInterval(), WATCH_CAPACITY, dialect.displayName());
        if (config.compactInterval().isZero()) {
            this.compactor = null;
        } else {
            this.compactor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "k3j-compact-" + dialect.displayName());
                t.setDaemon(true);
                return t;
            });
            long every = config.compactInterval().toMillis();
            compactor.scheduleWithFixedDelay(this::compactRetained, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Connects, creates the schema if needed and starts the watch poller and the compactor.
     *
     * @throws DatastoreUnavailableException when the database cannot be reached
     */
    public static JpaRevisionLog open(SqlDialect dialect, DatastoreConfig config) {
        JdbcTarget target = dialect.target(config);
        probe(dialect, target);
        EntityManagerFactory emf;
        try {
            emf = new PersistenceProvider().createContainerEntityManagerFactory(
                    new LogPersistenceUnit(persistenceProperties(dialect, target)), new Properties());
            emf.createEntityManager().close();
        } catch (RuntimeException e) {
            Optional<SQLException> sql = SqlErrors.sqlCause(e);
            String message = sql.map(s -> dialect.describeConnectFailure(s, target))
                    .orElse("cannot open " + dialect.displayName() + " at " + target.redactedUrl() + ": " + SqlErrors.rootMessage(e));
            throw new DatastoreUnavailableException(message, e);
        }
        try {
            JpaRevisionLog log = new JpaRevisionLog(dialect, emf, config);
            LOG.info(() -> "datastore " + dialect.displayName() + " at " + target.redactedUrl() + " open at revision "
                    + log.currentRevision());
            return log;
        } catch (RuntimeException e) {
            emf.close();
            throw e;
        }
    }

    /**
     * Connects once through the driver itself, before EclipseLink does: inside an application
     * server EclipseLink asks DriverManager first, which cannot see drivers in the application,
     * and reports that instead of the real reason (refused, no such database, bad password).
     */
    private static void probe(SqlDialect dialect, JdbcTarget target) {
        Driver driver;
        try {
            driver = (Driver) Class.forName(target.driverClassName(), true, dialect.getClass().getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new DatastoreException("the JDBC driver " + target.driverClassName() + " for " + dialect.displayName()
                    + " cannot be loaded: " + e, e);
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", target.user());
        credentials.setProperty("password", target.password());
        try (Connection connection = driver.connect(target.url(), credentials)) {
            if (connection == null) {
                throw new DatastoreException("the JDBC driver " + target.driverClassName() + " does not accept " + target.redactedUrl());
            }
        } catch (SQLException e) {
            throw new DatastoreUnavailableException(dialect.describeConnectFailure(e, target), e);
        }
    }

    private static Properties persistenceProperties(SqlDialect dialect, JdbcTarget target) {
        Properties p = new Properties();
        p.setProperty("jakarta.persistence.jdbc.driver", target.driverClassName());
        p.setProperty("jakarta.persistence.jdbc.url", target.url());
        p.setProperty("jakarta.persistence.jdbc.user", target.user());
        p.setProperty("jakarta.persistence.jdbc.password", target.password());
        p.setProperty("eclipselink.target-database", dialect.eclipseLinkPlatform());
        p.setProperty("eclipselink.session-name", "k3j-log-" + SESSIONS.incrementAndGet());
        // EclipseLink closes a released connection when its pool holds more than min: keep them
        for (String pool : List.of("default", "read")) {
            p.setProperty("eclipselink.connection-pool." + pool + ".initial", "1");
            p.setProperty("eclipselink.connection-pool." + pool + ".min", "4");
            p.setProperty("eclipselink.connection-pool." + pool + ".max", "8");
        }
        p.setProperty("eclipselink.jdbc.cache-statements", "true");
        p.setProperty("eclipselink.weaving", "false");
        p.setProperty("eclipselink.cache.shared.default", "false");
        p.setProperty("eclipselink.deploy-on-startup", "true");
        // one short transaction per entity manager: nothing to keep or to flush early
        p.setProperty("eclipselink.persistence-context.close-on-commit", "true");
        p.setProperty("eclipselink.persistence-context.flush-mode", "commit");
        // failures are translated and reported by this class; EclipseLink's own log would repeat them
        p.setProperty("eclipselink.logging.logger", "JavaLogger");
        p.setProperty("eclipselink.logging.level", "OFF");
        return p;
    }

    private void createSchema() {
        for (String statement : dialect.schema()) {
            inTransaction("create the schema", em -> em.createNativeQuery(statement).executeUpdate());
        }
        for (String counter : List.of(Counter.REVISION, Counter.COMPACT)) {
            try {
                inTransaction("create counter " + counter, em -> {
                    if (em.find(Counter.class, counter) == null) {
                        em.persist(new Counter(counter, 0));
                    }
                    return null;
                });
            } catch (DatastoreException e) {
                // another server created it first
                if (readCounter(counter) < 0) {
                    throw e;
                }
            }
        }
    }

    // ---- writes

    @Override
    public KeyValue create(String key, byte[] value) {
        requireKey(key);
        Objects.requireNonNull(value, "value");
        return write("create " + key, em -> {
            long revision = nextRevision(em);
            Optional<Object[]> head = newestHead(em, key);
            if (head.isPresent() && ((Number) head.get()[1]).shortValue() != LogEntry.DELETED) {
                throw new KeyExistsException("key " + key + " exists");
            }
            LogEntry row = new LogEntry(revision, key, LogEntry.CREATED, revision,
                    head.map(h -> ((Number) h[0]).longValue()).orElse(0L), value, null);
            em.persist(row);
            return row.toKeyValue();
        });
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedRevision) {
        requireKey(key);
        Objects.requireNonNull(value, "value");
        return write("update " + key, em -> {
            long revision = nextRevision(em);
            LogEntry current = requireCurrent(em, key, expectedRevision);
            LogEntry row = new LogEntry(revision, key, LogEntry.UPDATED, current.createRevision(), current.revision(),
                    value, current.data());
            em.persist(row);
            return row.toKeyValue();
        });
    }

    @Override
    public KeyValue delete(String key, long expectedRevision) {
        requireKey(key);
        return write("delete " + key, em -> {
            long revision = nextRevision(em);
            LogEntry current = requireCurrent(em, key, expectedRevision);
            LogEntry row = new LogEntry(revision, key, LogEntry.DELETED, current.createRevision(), current.revision(),
                    current.data(), current.data());
            em.persist(row);
            return row.toKeyValue();
        });
    }

    private LogEntry requireCurrent(EntityManager em, String key, long expectedRevision) {
        LogEntry current = newest(em, key, Long.MAX_VALUE)
                .filter(row -> !row.isDelete())
                .orElseThrow(() -> new KeyNotFoundException("key " + key + " not found"));
        if (expectedRevision != ANY_REVISION && current.revision() != expectedRevision) {
            throw new RevisionConflictException(key, expectedRevision, current.revision());
        }
        return current;
    }

    private <T> T write(String action, Function<EntityManager, T> work) {
        writeLock.lock();
        try {
            return inTransaction(action, work);
        } finally {
            writeLock.unlock();
            hub.wake();
        }
    }

    private long nextRevision(EntityManager em) {
        Optional<String> incrementAndGet = dialect.incrementRevisionQuery();
        if (incrementAndGet.isPresent()) {
            return ((Number) em.createNativeQuery(incrementAndGet.get()).getSingleResult()).longValue();
        }
        em.createQuery("UPDATE Counter c SET c.counterValue = c.counterValue + 1 WHERE c.name = :name")
                .setParameter("name", Counter.REVISION)
                .executeUpdate();
        return counter(em, Counter.REVISION);
    }

    // ---- reads

    @Override
    public Optional<KeyValue> get(String key, long revision) {
        requireKey(key);
        long at = revision == LATEST ? Long.MAX_VALUE : revision;
        Optional<KeyValue> found = read("get " + key, em -> {
            if (revision != LATEST) {
                requireRetained(em, revision);
            }
            return newest(em, key, at).filter(row -> !row.isDelete()).map(LogEntry::toKeyValue);
        });
        if (revision != LATEST) {
            read("get " + key, em -> requireRetained(em, revision));
        }
        return found;
    }

    @Override
    public Page list(String prefix, String startAfter, int limit, long revision) {
        Objects.requireNonNull(prefix, "prefix");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        Page page = read("list " + prefix, em -> {
            long at = revision == LATEST ? counter(em, Counter.REVISION) : revision;
            requireRetained(em, at);
            List<KeyValue> items = new ArrayList<>();
            String after = startAfter;
            boolean exhausted = false;
            // Two steps rather than "revision IN (grouped subquery)", which H2 re-runs for every
            // row of the table: the newest revision per key from the (name, revision) index, then
            // those rows by primary key. Deleted keys drop out in the second step, so a page
            // may take more than one round.
            while (!exhausted && (limit == 0 || items.size() <= limit)) {
                int batch = limit == 0 ? 0 : Math.max(limit + 1 - items.size(), 64);
                List<Long> newest = newestPerKey(em, prefix, after, at, batch);
                exhausted = batch == 0 || newest.size() < batch;
                if (newest.isEmpty()) {
                    break;
                }
                for (int i = 0; i < newest.size(); i += IN_LIST_CHUNK) {
                    List<LogEntry> rows = em.createQuery("SELECT e FROM LogEntry e WHERE e.revision IN :revisions ORDER BY e.name",
                                    LogEntry.class)
                            .setParameter("revisions", newest.subList(i, Math.min(newest.size(), i + IN_LIST_CHUNK)))
                            .setHint(QueryHints.READ_ONLY, HintValues.TRUE)
                            .getResultList();
                    for (LogEntry row : rows) {
                        after = row.name();
                        if (!row.isDelete()) {
                            items.add(row.toKeyValue());
                        }
                    }
                }
            }
            boolean more = limit > 0 && items.size() > limit;
            return new Page(more ? items.subList(0, limit) : items, at, more);
        });
        if (revision != LATEST) {
            read("list " + prefix, em -> requireRetained(em, revision));
        }
        return page;
    }

    /** The revision of each key's newest row at or before {@code at}, in key order; 0 for no limit. */
    private static List<Long> newestPerKey(EntityManager em, String prefix, String after, long at, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT MAX(x.revision) FROM LogEntry x WHERE x.revision <= :at AND x.name >= :low");
        String high = prefixEnd(prefix);
        if (high != null) {
            jpql.append(" AND x.name < :high");
        }
        if (after != null) {
            jpql.append(" AND x.name > :after");
        }
        TypedQuery<Long> query = em.createQuery(jpql.append(" GROUP BY x.name ORDER BY x.name").toString(), Long.class)
                .setParameter("at", at)
                .setParameter("low", prefix);
        if (high != null) {
            query.setParameter("high", high);
        }
        if (after != null) {
            query.setParameter("after", after);
        }
        if (limit > 0) {
            query.setMaxResults(limit);
        }
        return query.getResultList();
    }

    /** The first string after every string that starts with {@code prefix}, or null if there is none. */
    static String prefixEnd(String prefix) {
        for (int i = prefix.length() - 1; i >= 0; i--) {
            char c = prefix.charAt(i);
            if (c != Character.MAX_VALUE) {
                return prefix.substring(0, i) + (char) (c + 1);
            }
        }
        return null;
    }

    @Override
    public long currentRevision() {
        return readCounter(Counter.REVISION);
    }

    @Override
    public long compactRevision() {
        return readCounter(Counter.COMPACT);
    }

    private long readCounter(String name) {
        return read("read the " + name + " counter", em -> counter(em, name));
    }

    private static long counter(EntityManager em, String name) {
        List<Long> values = em.createNamedQuery(Counter.READ, Long.class)
                .setParameter("name", name)
                .getResultList();
        return values.isEmpty() ? -1 : values.get(0);
    }

    private static Optional<LogEntry> newest(EntityManager em, String key, long atRevision) {
        return em.createNamedQuery(LogEntry.NEWEST_AT, LogEntry.class)
                .setParameter("name", key)
                .setParameter("at", atRevision)
                .getResultList()
                .stream()
                .findFirst();
    }

    /** The revision and kind of a key's newest row, without its value: all that a create checks. */
    private static Optional<Object[]> newestHead(EntityManager em, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNamedQuery(LogEntry.NEWEST_HEAD).setParameter(1, key).getResultList();
        return rows.stream().findFirst();
    }

    private static Void requireRetained(EntityManager em, long revision) {
        long compacted = counter(em, Counter.COMPACT);
        if (revision < compacted) {
            throw new CompactedException("revision " + revision + " has been compacted; the oldest available is " + compacted);
        }
        return null;
    }

    // ---- watch

    @Override
    public WatchStream watch(String prefix, long afterRevision) {
        Objects.requireNonNull(prefix, "prefix");
        return hub.subscribe(prefix, afterRevision);
    }

    private final class HubSource implements WatchHub.Source {
        @Override
        public long currentRevision() {
            return JpaRevisionLog.this.currentRevision();
        }

        @Override
        public long compactRevision() {
            return JpaRevisionLog.this.compactRevision();
        }

        @Override
        public List<LogEntry> entriesAfter(long afterRevision, long upToRevision, int limit) {
            return read("read changes", em -> em.createNamedQuery(LogEntry.ENTRIES_AFTER, LogEntry.class)
                    .setParameter("after", afterRevision)
                    .setParameter("upTo", upToRevision)
                    .setHint(QueryHints.READ_ONLY, HintValues.TRUE)
                    .setMaxResults(limit)
                    .getResultList());
        }
    }

    // ---- compaction

    /** Compacts all but the retained revisions, never past what this process's watchers have read. */
    private void compactRetained() {
        try {
            long target = Math.min(currentRevision() - retention, hub.dispatched());
            long removed = compact(target);
            if (removed > 0) {
                LOG.fine(() -> "compacted " + removed + " entries up to revision " + target);
            }
        } catch (DatastoreException e) {
            LOG.warning("compaction failed, will retry: " + e.getMessage());
        }
    }

    @Override
    public long compact(long revision) {
        long target = Math.min(revision, currentRevision());
        long from = compactRevision();
        long removed = 0;
        while (from < target) {
            long start = from;
            long end = Math.min(target, from + COMPACT_BATCH);
            removed += inTransaction("compact to revision " + end, em -> compactBatch(em, start, end));
            from = end;
        }
        return removed;
    }

    /** Removes the rows that rows in (from, to] superseded, and the deletes in that range. */
    private static long compactBatch(EntityManager em, long from, long to) {
        List<Long> doomed = new ArrayList<>(em.createQuery(
                        "SELECT e.prevRevision FROM LogEntry e WHERE e.revision > :from AND e.revision <= :to AND e.prevRevision > 0",
                        Long.class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList());
        doomed.addAll(em.createQuery(
                        "SELECT e.revision FROM LogEntry e WHERE e.revision > :from AND e.revision <= :to AND e.kind = "
                                + LogEntry.DELETED, Long.class)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList());
        long removed = 0;
        for (int i = 0; i < doomed.size(); i += IN_LIST_CHUNK) {
            removed += em.createQuery("DELETE FROM LogEntry e WHERE e.revision IN :revisions")
                    .setParameter("revisions", doomed.subList(i, Math.min(doomed.size(), i + IN_LIST_CHUNK)))
                    .executeUpdate();
        }
        em.createQuery("UPDATE Counter c SET c.counterValue = :to WHERE c.name = :name AND c.counterValue < :to")
                .setParameter("to", to)
                .setParameter("name", Counter.COMPACT)
                .executeUpdate();
        return removed;
    }

    // ---- plumbing

    private <T> T inTransaction(String action, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            rollbackQuietly(tx);
            throw SqlErrors.translate(action, e, dialect);
        } finally {
            em.close();
        }
    }

    private <T> T read(String action, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(em);
        } catch (RuntimeException e) {
            throw SqlErrors.translate(action, e, dialect);
        } finally {
            em.close();
        }
    }

    private static void rollbackQuietly(EntityTransaction tx) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException ignored) {
            // the connection is gone; the database rolls back on its own
        }
    }

    private static void requireKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a key must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    @Override
    public void close() {
        if (compactor != null) {
            compactor.shutdownNow();
        }
        hub.close();
        emf.close();
        LOG.info(() -> "datastore " + dialect.displayName() + " closed");
    }
}
