package io.k3j.server.node;

import io.k3j.server.api.ApiService;
import io.k3j.server.api.resource.ResourceCatalog;
import io.k3j.server.api.store.ListOptions;
import io.k3j.server.api.store.ObjectStore;
import io.k3j.server.config.ServerConfig;
import io.k3j.server.config.ServerConfiguration;
import io.k3j.server.datastore.DatastoreService;
import io.k3j.server.registration.RegistrationService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the node controllers of the server: pod CIDR allocation and node password cleanup every
 * {@link #PASS_INTERVAL}, node lifecycle every node-monitor period. Each pass lists the nodes once,
 * and reads level rather than edges (like Kubernetes controllers resyncing), so a missed pass
 * loses nothing. (With several servers each runs them; the HA work elects one.)
 */
@Singleton
@Startup
@DependsOn("RegistrationService")
public class NodeControllers {

    private static final Logger LOG = Logger.getLogger(NodeControllers.class.getName());

    /** A deleted node's password is gone within about this long. */
    static final Duration PASS_INTERVAL = Duration.ofSeconds(2);

    /** How long a password whose node never appeared is kept: an agent creates its Node seconds after registering. */
    static final Duration ORPHAN_GRACE = Duration.ofMinutes(5);

    @EJB
    private ServerConfiguration configuration;

    @EJB
    private ApiService api;

    @EJB
    private RegistrationService registration;

    @EJB
    private DatastoreService datastore;

    @Resource
    private TimerService timers;

    private ObjectStore store;
    private PodCidrAllocator cidrs;
    private NodePasswordCleaner passwords;
    private NodeDeletions deletions;
    private NodeLifecycle lifecycle;
    private Duration monitorPeriod;
    private Instant lastLifecyclePass = Instant.MIN;

    @PostConstruct
    void start() {
        ServerConfig config = configuration.get();
        store = api.store();
        cidrs = new PodCidrAllocator(store, config.clusterCidr(), ServerConfig.NODE_CIDR_PREFIX);
        passwords = new NodePasswordCleaner(registration.nodePasswords(), ORPHAN_GRACE, Clock.systemUTC());
        deletions = new NodeDeletions(datastore.log());
        lifecycle = new NodeLifecycle(store, config.nodeMonitorGracePeriod(), Clock.systemUTC());
        monitorPeriod = config.nodeMonitorPeriod();
        schedule();
    }

    /** One pass; a one-shot timer re-armed after each, so passes never overlap. */
    @Timeout
    void pass() {
        try {
            Set<String> deleted = deletions.drain();
            List<JsonObject> nodes = store.list(ResourceCatalog.NODES, "", ListOptions.all()).items();
            cidrs.allocate(nodes);
            passwords.clean(nodes, deleted);
            Instant now = Instant.now();
            if (Duration.between(lastLifecyclePass, now).compareTo(monitorPeriod) >= 0) {
                lastLifecyclePass = now;
                lifecycle.check(nodes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "node controllers: pass failed, trying again later: " + e.getMessage(), e);
        } finally {
            schedule();
        }
    }

    // non-persistent: Payara Micro runs without Hazelcast, which persistent timers need
    private void schedule() {
        timers.createSingleActionTimer(Math.min(PASS_INTERVAL.toMillis(), monitorPeriod.toMillis()),
                new TimerConfig(null, false));
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(timer -> timer.cancel());
        if (deletions != null) {
            deletions.close();
        }
    }
}
