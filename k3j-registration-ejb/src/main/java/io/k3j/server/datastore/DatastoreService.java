package io.k3j.server.datastore;

import io.k3j.server.bootstrap.SecureFiles;
import io.k3j.server.config.ServerConfig;
import io.k3j.server.config.ServerConfiguration;
import io.k3j.server.lifecycle.FatalStartup;
import io.k3j.spi.datastore.RevisionLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/** Opens the datastore when the application starts and closes it, with its threads, when it stops. */
@Singleton
@Startup
@DependsOn("ServerConfiguration")
@Lock(LockType.READ)
public class DatastoreService {

    private static final Logger LOG = Logger.getLogger(DatastoreService.class.getName());

    @EJB
    private ServerConfiguration configuration;

    private Datastore datastore;

    @PostConstruct
    void open() {
        ServerConfig config = configuration.get();
        try {
            SecureFiles.createPrivateDirectories(config.dataDir());
        } catch (UncheckedIOException e) {
            throw new FatalStartup().fail(FatalStartup.describe(e), e, config.exitOnFatal());
        }
        try {
            datastore = Datastore.open(config, DatastoreService.class.getClassLoader());
        } catch (RuntimeException e) {
            throw new FatalStartup().fail("cannot open datastore " + config.redactedEndpoint() + ": " + FatalStartup.describe(e),
                    e, config.exitOnFatal());
        }
        LOG.info("datastore " + datastore.plugin().name() + " open at " + config.redactedEndpoint());
    }

    /** The revision log; safe for use by many threads. */
    public RevisionLog log() {
        return datastore.log();
    }

    @PreDestroy
    void close() {
        if (datastore != null) {
            datastore.close();
            LOG.info("datastore closed");
        }
    }
}
