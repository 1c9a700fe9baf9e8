package io.k3j.server.bootstrap;

import io.k3j.server.config.ServerConfig;
import io.k3j.server.tls.TlsFiles;
import io.k3j.spi.datastore.KeyExistsException;
import io.k3j.spi.datastore.RevisionLog;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Makes a server part of a cluster: settles the cluster token, records the cluster in a fresh
 * datastore or checks the token against the one already recorded, and writes the token file and
 * the admin kubeconfig.
 *
 * <p>The token is, in this order: the one given ({@code --token} or {@code --token-file}), the
 * one saved in {@code <data-dir>/token} by an earlier start, or a new random one when the
 * datastore is fresh. The datastore keeps only a salted hash of it. Once the server has a CA,
 * the token file holds K3s's full form {@code K10<CA hash>::server:<secret>}, which agents use to
 * check the CA; credentials derive from the secret alone, so both forms work everywhere.
 */
public final class ClusterBootstrap {

    /** The datastore key of the {@link BootstrapRecord}. */
    public static final String KEY = "/k3j/bootstrap";

    private static final Logger LOG = Logger.getLogger(ClusterBootstrap.class.getName());
    private static final int TOKEN_BYTES = 32;

    private enum Source { GIVEN, SAVED, GENERATED }

    private final RevisionLog log;
    private final SecureRandom random;
    private final Clock clock;
    private final int hashIterations;

    public ClusterBootstrap(RevisionLog log, SecureRandom random, Clock clock) {
        this(log, random, clock, TokenHash.DEFAULT_ITERATIONS);
    }

    ClusterBootstrap(RevisionLog log, SecureRandom random, Clock clock, int hashIterations) {
        this.log = log;
        this.random = random;
        this.clock = clock;
        this.hashIterations = hashIterations;
    }

    /**
     * Bootstraps or joins the cluster.
     *
     * @throws BootstrapException when the token does not fit the datastore's cluster, or is missing
     */
    public Cluster run(ServerConfig config) {
        // the launcher made the CA before the server started; without it the API is plain HTTP
        Optional<String> caCertificate = SecureFiles.read(TlsFiles.of(config.dataDir()).caCertificate());
        Optional<String> given = givenToken(config).map(token -> secretOf(token, "the given token", caCertificate));
        Optional<String> savedFile = readToken(config.tokenPath());
        Optional<String> saved = savedFile.map(token -> secretOf(token, "the token in " + config.tokenPath(), caCertificate));
        Optional<BootstrapRecord> existing = read();

        Source source;
        String token;
        if (given.isPresent()) {
            source = Source.GIVEN;
            token = given.get();
        } else if (saved.isPresent()) {
            source = Source.SAVED;
            token = saved.get();
        } else if (existing.isPresent()) {
            throw alreadyHolds(existing.get());
        } else {
            source = Source.GENERATED;
            token = HexFormat.of().formatHex(randomBytes());
        }

        BootstrapRecord record;
        boolean created = false;
        if (existing.isPresent()) {
            record = existing.get();
        } else {
            BootstrapRecord fresh = new BootstrapRecord(UUID.randomUUID().toString(),
                    TokenHash.hash(token, random, hashIterations), clock.instant().truncatedTo(ChronoUnit.SECONDS));
            try {
                log.create(KEY, fresh.toJson());
                record = fresh;
                created = true;
            } catch (KeyExistsException anotherServerWasFirst) {
                record = read().orElseThrow(() -> new BootstrapException("the bootstrap record " + KEY + " vanished while starting; start again"));
            }
        }
        if (!created && !TokenHash.matches(token, record.tokenHash())) {
            throw mismatch(source, record, config.tokenPath());
        }

        String tokenFile = caCertificate.map(ca -> ClusterToken.fullForm(token, ca)).orElse(token);
        if (!savedFile.equals(Optional.of(tokenFile))) {
            SecureFiles.writePrivate(config.tokenPath(), tokenFile + "\n");
        }
        String serverUrl = AdminKubeconfig.serverUrl(config.bindAddress(), config.bindsAnyAddress(),
                config.httpsListenPort(), caCertificate.isPresent());
        SecureFiles.writePrivate(config.writeKubeconfig(), AdminKubeconfig.yaml(serverUrl, token, caCertificate));
        LOG.info((created ? "created cluster " : "joined cluster ") + record.clusterId() + " with the "
                + source.name().toLowerCase(java.util.Locale.ROOT) + " token; admin kubeconfig at " + config.writeKubeconfig());
        return new Cluster(record.clusterId(), created, token);
    }

    /** The secret of a token in either form; a full form must name this server's CA. */
    private static String secretOf(String token, String what, Optional<String> caCertificate) {
        ClusterToken parsed = ClusterToken.parse(token);
        if (caCertificate.isPresent() && !parsed.fits(caCertificate.get())) {
            throw new BootstrapException(what + " names another CA than this server's (tls/server-ca.crt): "
                    + "it belongs to another cluster, or this server's CA was replaced");
        }
        return parsed.secret();
    }

    private Optional<BootstrapRecord> read() {
        return log.get(KEY).map(kv -> BootstrapRecord.fromJson(kv.value()));
    }

    private static Optional<String> givenToken(ServerConfig config) {
        if (config.token().isPresent()) {
            return config.token();
        }
        return config.tokenFile().map(file -> readToken(file)
                .orElseThrow(() -> new BootstrapException("the token file " + file + " is missing or empty")));
    }

    private static Optional<String> readToken(Path file) {
        return SecureFiles.read(file).map(String::strip).filter(token -> !token.isEmpty());
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }

    private static BootstrapException alreadyHolds(BootstrapRecord record) {
        return new BootstrapException("this datastore already holds cluster " + record.clusterId()
                + "; start with --token (K3J_TOKEN) set to that cluster's token");
    }

    private static BootstrapException mismatch(Source source, BootstrapRecord record, Path tokenPath) {
        return switch (source) {
            case GIVEN -> new BootstrapException("the given token does not match cluster " + record.clusterId()
                    + " that this datastore holds; start with that cluster's token");
            case SAVED -> new BootstrapException("the token in " + tokenPath + " does not match cluster " + record.clusterId()
                    + " that this datastore holds; start with --token (K3J_TOKEN) set to that cluster's token");
            case GENERATED -> alreadyHolds(record);
        };
    }
}
