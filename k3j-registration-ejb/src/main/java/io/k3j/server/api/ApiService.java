package io.k3j.server.api;

import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.store.NamespaceCleaner;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.api.watch.WatchFanout;
import io.k3j.server.config.ServerConfiguration;
import io.k3j.server.datastore.DatastoreService;
import io.k3j.server.lifecycle.FatalStartup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The object store of the Kubernetes API, over the datastore's revision log, and the fan-out
 * that serves every watch: creates the system namespaces at startup and runs the namespace
 * controller every two seconds.
 */
@Singleton
@Startup
@DependsOn("BootstrapStartup")
@Lock(LockType.READ)
public class ApiService {

    private static final Logger LOG = Logger.getLogger(ApiService.class.getName());

    /** How long after one namespace cleaning pass the next one starts. */
    private static final long CLEAN_INTERVAL_MILLIS = 2_000;

    @EJB
    private ServerConfiguration configuration;

    @EJB
    private DatastoreService datastore;

    @Resource
    private TimerService timers;

    @Resource
    private ManagedThreadFactory threads;

    private ObjectStore store;
    private WatchFanout watches;
    private NamespaceCleaner cleaner;

    @PostConstruct
    void start() {
        store = new ObjectStore(datastore.log());
        cleaner = new NamespaceCleaner(store, ResourceCatalog.builtIn());
        try {
            store.ensureSystemNamespaces();
        } catch (RuntimeException e) {
            throw new FatalStartup().fail("cannot create the system namespaces: " + FatalStartup.describe(e), e,
                    configuration.get().exitOnFatal());
        }
        watches = new WatchFanout(store, datastore.log(), WatchFanout.Settings.DEFAULT, threads);
        watches.start();
        scheduleCleaning();
    }

    /**
     * The store; callers use it directly rather than through this bean, so that its
     * ApiExceptions reach them unwrapped by the EJB container.
     */
    public ObjectStore store() {
        return store;
    }

    /** The watches of this server, fed from one subscription to the log. */
    public WatchFanout watches() {
        return watches;
    }

    /** One pass of the namespace controller; a one-shot timer re-armed after each pass, so passes never overlap. */
    @Timeout
    void cleanNamespaces() {
        try {
            cleaner.cleanAll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "namespace cleaning failed, trying again later: " + e.getMessage(), e);
        } finally {
            scheduleCleaning();
        }
    }

    // non-persistent: Payara Micro runs without Hazelcast, which persistent timers need
    private void scheduleCleaning() {
        timers.createSingleActionTimer(CLEAN_INTERVAL_MILLIS, new TimerConfig(null, false));
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(timer -> timer.cancel());
        if (watches != null) {
            watches.close();
        }
    }
}
