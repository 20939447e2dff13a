package dev.resolute.fabric;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.resolute.fabric.pb.AliveNode;
import dev.resolute.fabric.pb.BifrostProvider;
import dev.resolute.fabric.pb.ClusterConfiguration;
import dev.resolute.fabric.pb.ClusterState;
import dev.resolute.fabric.pb.DetailedRunMode;
import dev.resolute.fabric.pb.GenerationalNodeId;
import dev.resolute.fabric.pb.LeaderEpoch;
import dev.resolute.fabric.pb.Lsn;
import dev.resolute.fabric.pb.NodeId;
import dev.resolute.fabric.pb.NodeState;
import dev.resolute.fabric.pb.PartitionProcessorStatus;
import dev.resolute.fabric.pb.ReplayStatus;
import dev.resolute.fabric.pb.ReplicationProperty;
import dev.resolute.fabric.pb.RunMode;
import dev.resolute.fabric.pb.Version;
import dev.resolute.spi.invocation.PartitionStatus;
import java.time.Instant;

/** The cluster state and configuration messages of this one-node cluster (restatectl.md §4.4 and §8). */
final class ClusterProtos {

    /** Restate's default replication: one copy, on any node. */
    static final String ONE_NODE = "{node: 1}";
    static final String REPLICATED = "replicated";

    private ClusterProtos() {
    }

    static ClusterConfiguration configuration(int numPartitions, String replication, String provider, String logReplication,
                                              int targetNodesetSize) {
        BifrostProvider.Builder bifrost = BifrostProvider.newBuilder().setProvider(provider).setTargetNodesetSize(targetNodesetSize);
        if (provider.equals(REPLICATED)) {
            bifrost.setReplicationProperty(replication(logReplication));
        }
        return ClusterConfiguration.newBuilder()
                .setNumPartitions(numPartitions)
                .setPartitionReplication(replication(replication))
                .setBifrostProvider(bifrost)
                .build();
    }

    /** What the node runs: its partitions, replicated once, on replicated logs. */
    static ClusterConfiguration configuration(NodeFacts node) {
        return configuration(node.numPartitions(), ONE_NODE, REPLICATED, ONE_NODE, 0);
    }

    /**
     * The node alive, leading every partition its engine runs, with the applied index as the applied and durable LSN
     * (a command is applied only once committed to storage) and the next LSN as the tail, so the lag reads 0.
     */
    static ClusterState state(NodeFacts node, Instant now) {
        Timestamp at = timestamp(now);
        AliveNode.Builder alive = AliveNode.newBuilder()
                .setGenerationalNodeId(GenerationalNodeId.newBuilder().setId(NodeFacts.PLAIN_ID).setGeneration(node.generation()))
                .setLastHeartbeatAt(at)
                .setUptimeS(Math.max(1, node.uptime(now).toSeconds()));
        for (PartitionStatus partition : node.partitions()) {
            alive.putPartitions(partition.id(), partition(node, partition, at));
        }
        Version version = Version.newBuilder().setValue(MetadataBlobs.VERSION).build();
        return ClusterState.newBuilder()
                .setLastRefreshed(Duration.getDefaultInstance())
                .setNodesConfigVersion(version)
                .setPartitionTableVersion(version)
                .setLogsMetadataVersion(version)
                .putNodes(NodeFacts.PLAIN_ID, NodeState.newBuilder().setAlive(alive).build())
                .build();
    }

    private static PartitionProcessorStatus partition(NodeFacts node, PartitionStatus partition, Timestamp at) {
        Lsn applied = Lsn.newBuilder().setValue(partition.appliedIndex()).build();
        return PartitionProcessorStatus.newBuilder()
                .setUpdatedAt(at)
                .setPlannedMode(RunMode.LEADER)
                .setEffectiveMode(RunMode.LEADER)
                .setDetailedEffectiveMode(DetailedRunMode.DetailedRunMode_LEADER)
                // a partition stopped by a storage failure serves nothing: restatectl shows its replay status in red
                .setReplayStatus(partition.running() ? ReplayStatus.ACTIVE : ReplayStatus.ReplayStatus_UNKNOWN)
                // one leader epoch per start of the node, as a Restate leader gets a new epoch when it is elected again
                .setLastObservedLeaderEpoch(LeaderEpoch.newBuilder().setValue(node.generation()))
                .setLastObservedLeaderNode(NodeId.newBuilder().setId(NodeFacts.PLAIN_ID).setGeneration(node.generation()))
                .setLastAppliedLogLsn(applied)
                .setDurableLsn(applied)
                .setTargetTailLsn(Lsn.newBuilder().setValue(partition.appliedIndex() + 1))
                .build();
    }

    private static ReplicationProperty replication(String property) {
        return ReplicationProperty.newBuilder().setReplicationProperty(property).build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
