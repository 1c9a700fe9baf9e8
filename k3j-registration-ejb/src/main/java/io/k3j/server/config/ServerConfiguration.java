package io.k3j.server.config;

import io.k3j.server.lifecycle.FatalStartup;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads the server's settings once, from MicroProfile Config, when the application starts. */
@Singleton
@Startup
@Lock(LockType.READ)
public class ServerConfiguration {

    private static final Logger LOG = Logger.getLogger(ServerConfiguration.class.getName());

    private ServerConfig config;

    @PostConstruct
    void load() {
        Config mpConfig = ConfigProvider.getConfig();
        Function<String, Optional<String>> lookup = key -> mpConfig.getOptionalValue(key, String.class);
        try {
            config = ServerConfig.from(lookup);
        } catch (ConfigException e) {
            // the settings are unreadable, so read exit-on-fatal on its own, leniently
            boolean exit = !lookup.apply(ServerConfig.EXIT_ON_FATAL).map(String::strip).orElse("true").equalsIgnoreCase("false");
            throw new FatalStartup().fail(e.getMessage(), e, exit);
        }
        LOG.info("k3j configuration: " + config);
    }

    public ServerConfig get() {
        return config;
    }
}
