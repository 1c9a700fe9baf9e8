package io.k3j.server.node;

import io.k3j.server.api.json.ObjectMeta;
import io.k3j.server.nodepassword.NodePasswords;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Removes the password of a deleted node, so that its name can be registered again: at the
 * first pass after the deletion, which the pass learns from the log or from a node it saw before
 * and no longer finds. It also sweeps orphaned passwords, whose node has been absent for a while
 * (deleted while no server ran, or registered and never created), which K3s once left behind for good.
 */
final class NodePasswordCleaner {

    private static final Logger LOG = Logger.getLogger(NodePasswordCleaner.class.getName());

    private final NodePasswords passwords;
    private final Duration orphanGrace;
    private final Clock clock;
    /** The nodes of the previous pass; only the pass thread uses it. */
    private Set<String> nodesSeen = Set.of();

    /** @param orphanGrace how old a password of a node never seen must be before it goes */
    NodePasswordCleaner(NodePasswords passwords, Duration orphanGrace, Clock clock) {
        this.passwords = passwords;
        this.orphanGrace = orphanGrace;
        this.clock = clock;
    }

    /**
     * One pass.
     *
     * @param nodes all nodes, listed just before
     * @param deleted the nodes deleted since the last pass
     */
    void clean(List<JsonObject> nodes, Set<String> deleted) {
        Set<String> names = nodes.stream().map(ObjectMeta::name).collect(Collectors.toSet());
        Instant now = clock.instant();
        for (JsonObject secret : passwords.secrets()) {
            Optional<String> node = NodePasswords.nodeName(ObjectMeta.name(secret));
            if (node.isEmpty() || names.contains(node.get())) {
                continue;
            }
            if (nodesSeen.contains(node.get()) || deleted.contains(node.get())) {
                if (passwords.delete(node.get(), ObjectMeta.uid(secret))) {
                    LOG.info("node " + node.get() + " was deleted: removed its node password");
                }
            } else if (created(secret).map(at -> Duration.between(at, now).compareTo(orphanGrace) > 0).orElse(true)) {
                if (passwords.delete(node.get(), ObjectMeta.uid(secret))) {
                    LOG.info("removed the orphaned node password of " + node.get() + ": no such node for "
                            + orphanGrace.toMinutes() + "m");
                }
            }
        }
        nodesSeen = new HashSet<>(names);
    }

    private static Optional<Instant> created(JsonObject object) {
        try {
            return Optional.of(Instant.parse(ObjectMeta.string(object, "creationTimestamp")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
