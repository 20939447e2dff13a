package dev.resolute.fabric;

import dev.resolute.spi.invocation.EngineInfo;
import dev.resolute.spi.invocation.PartitionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What this node tells restatectl about itself: a one-node cluster whose only member is node 1.
 *
 * @param generation      grows at every start of the node ({@link NodeGeneration}), as Restate's does per restart
 * @param fabricAddress   the advertised fabric address restatectl dials after its first metadata read
 * @param roles           the node's configured roles, in Restate's order
 * @param numPartitions   the partitions of the cluster's partition table and logs ({@code default-num-partitions}, or
 *                        as many as the engine runs)
 * @param engine          the worker's engine on this node, if it runs one: its partitions and applied indexes
 */
record NodeFacts(String name, String clusterName, int generation, String fabricAddress, List<String> roles, Instant startedAt,
                 int numPartitions, Optional<EngineInfo> engine) {

    /** A single node is node 1, as Restate numbers the first node it provisions. */
    static final int PLAIN_ID = 1;

    /** Restate's role names in the order it lists them (identification.rs). */
    static final List<String> ROLE_ORDER = List.of("http-ingress", "admin", "worker", "log-server", "metadata-server");

    NodeFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(fabricAddress, "fabricAddress");
        roles = ROLE_ORDER.stream().filter(roles::contains).toList();
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(engine, "engine");
    }

    boolean has(String role) {
        return roles.contains(role);
    }

    /** {@code N1:<generation>}, as Restate writes a generational node id. */
    String generationalId() {
        return "N" + PLAIN_ID + ":" + generation;
    }

    Duration uptime(Instant now) {
        return Duration.between(startedAt, now);
    }

    /** The partitions the engine runs here now; none on a node without the worker. */
    List<PartitionStatus> partitions() {
        return engine.map(EngineInfo::partitions).orElse(List.of());
    }
}
