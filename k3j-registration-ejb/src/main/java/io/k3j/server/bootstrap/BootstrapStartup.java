package io.k3j.server.bootstrap;

import io.k3j.server.config.ServerConfig;
import io.k3j.server.config.ServerConfiguration;
import io.k3j.server.datastore.DatastoreService;
import io.k3j.server.lifecycle.FatalStartup;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/** Bootstraps or joins the cluster once the datastore is open; the server is not ready before. */
@Singleton
@Startup
@DependsOn("DatastoreService")
@Lock(LockType.READ)
public class BootstrapStartup {

    @EJB
    private ServerConfiguration configuration;

    @EJB
    private DatastoreService datastore;

    private volatile Cluster cluster;

    @PostConstruct
    void bootstrap() {
        ServerConfig config = configuration.get();
        try {
            cluster = new ClusterBootstrap(datastore.log(), new SecureRandom(), Clock.systemUTC()).run(config);
        } catch (RuntimeException e) {
            String why = e instanceof BootstrapException ? FatalStartup.describe(e) : "cannot bootstrap the cluster: " + FatalStartup.describe(e);
            throw new FatalStartup().fail(why, e, config.exitOnFatal());
        }
    }

    /** The cluster, once bootstrapped. */
    public Optional<Cluster> cluster() {
        return Optional.ofNullable(cluster);
    }
}
