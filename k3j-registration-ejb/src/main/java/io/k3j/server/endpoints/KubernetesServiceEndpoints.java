package io.k3j.server.endpoints;

import io.k3j.server.api.ApiService;
import io.k3j.server.api.allocation.ServiceIpAllocator;
import io.k3j.server.config.ServerConfig;
import io.k3j.server.config.ServerConfiguration;
import io.k3j.server.datastore.DatastoreService;
import io.k3j.server.tls.ServingNames;
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
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This server's part in Service {@code default/kubernetes}: at start it records the service
 * range, creates the Service when missing and adds this server's address to its endpoints; every
 * lease renewal interval it renews its lease, drops the addresses of servers whose leases
 * expired and puts its own back if it went; on a clean shutdown it removes its address. Now and
 * then it also repairs cluster IP reservations that a dead server left behind.
 */
@Singleton
@Startup
@DependsOn("ApiService")
@Lock(LockType.READ)
public class KubernetesServiceEndpoints {

    private static final Logger LOG = Logger.getLogger(KubernetesServiceEndpoints.class.getName());

    /** As Kubernetes's service IP repair controller: every three minutes, leaving a minute to creates in flight. */
    private static final Duration REPAIR_INTERVAL = Duration.ofMinutes(3);
    private static final Duration REPAIR_GRACE = Duration.ofMinutes(1);

    @EJB
    private ServerConfiguration configuration;

    @EJB
    private ApiService api;

    @EJB
    private DatastoreService datastore;

    @Resource
    private TimerService timers;

    private ApiServerEndpoints endpoints;
    private ServiceIpAllocator serviceIps;
    private Duration renewInterval;
    /** Keeps a pass and the shutdown apart, so that a late pass cannot put the address back. */
    private final Object passes = new Object();
    private Instant nextRepair = Instant.MIN;
    private boolean stopping;

    @PostConstruct
    void start() {
        ServerConfig config = configuration.get();
        renewInterval = config.endpointLeaseRenewInterval();
        serviceIps = new ServiceIpAllocator(datastore.log(), Clock.systemUTC());
        ServerAddress self = new ServerAddress(advertisedIp(config), config.httpsListenPort());
        endpoints = new ApiServerEndpoints(api.store(), self, config.serviceCidr(), config.endpointLeaseDuration(),
                Clock.systemUTC());
        try {
            serviceIps.useRange(config.serviceCidr());
            endpoints.ensureService();
            endpoints.reconcile();
            LOG.info("this server's address " + self + " is in the endpoints of Service default/kubernetes");
        } catch (RuntimeException e) {
            // not fatal: the API serves without it, and the next pass tries again
            LOG.log(Level.WARNING, "cannot add this server's address " + self + " to the endpoints of Service "
                    + "default/kubernetes yet: " + e.getMessage(), e);
        }
        schedule();
    }

    /**
     * The API servers' URLs, such as {@code https://10.0.0.5:6443}, sorted, from the endpoints of
     * Service {@code kubernetes}; the same on every server.
     */
    public List<String> serverUrls() {
        return ApiServerEndpoints.serverUrls(api.store());
    }

    /** One pass; a one-shot timer re-armed after each pass, so passes never overlap. */
    @Timeout
    void pass() {
        synchronized (passes) {
            if (stopping) {
                return;
            }
            try {
                endpoints.ensureService();
                endpoints.reconcile();
                if (Instant.now().isAfter(nextRepair)) {
                    nextRepair = Instant.now().plus(REPAIR_INTERVAL);
                    serviceIps.repair(REPAIR_GRACE);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the endpoints of Service default/kubernetes could not be reconciled, trying "
                        + "again later: " + e.getMessage(), e);
            } finally {
                schedule();
            }
        }
    }

    // non-persistent: Payara Micro runs without Hazelcast, which persistent timers need
    private void schedule() {
        timers.createSingleActionTimer(renewInterval.toMillis(), new TimerConfig(null, false));
    }

    @PreDestroy
    void stop() {
        synchronized (passes) {
            stopping = true;
            timers.getTimers().forEach(timer -> timer.cancel());
            try {
                endpoints.remove();
                LOG.info("this server's address " + endpoints.self() + " left the endpoints of Service "
                        + "default/kubernetes");
            } catch (RuntimeException e) {
                LOG.warning("cannot remove this server's address from the endpoints of Service default/kubernetes; "
                        + "it goes when its lease expires: " + e.getMessage());
            }
        }
    }

    /**
     * The advertise address as an IP (a name is resolved once, at start), else the host's
     * default, which the serving certificate also names.
     */
    private static String advertisedIp(ServerConfig config) {
        String address = ServingNames.advertisedAddress(config.bindAddress(), config.bindsAnyAddress(),
                config.advertiseAddress());
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        try {
            return InetAddress.getByName(bare).getHostAddress();
        } catch (UnknownHostException e) {
            String fallback = ServingNames.defaultAdvertiseAddress();
            LOG.warning("cannot resolve the advertise address " + address + "; advertising " + fallback + " instead");
            return fallback;
        }
    }
}
