package dev.resolute.fabric;

import com.google.protobuf.Empty;
import dev.resolute.fabric.pb.AdminStatus;
import dev.resolute.fabric.pb.ClusterFeature;
import dev.resolute.fabric.pb.GetMetadataRequest;
import dev.resolute.fabric.pb.GetMetadataResponse;
import dev.resolute.fabric.pb.IdentResponse;
import dev.resolute.fabric.pb.LogServerStatus;
import dev.resolute.fabric.pb.MetadataServerStatus;
import dev.resolute.fabric.pb.NodeId;
import dev.resolute.fabric.pb.NodeStatus;
import dev.resolute.fabric.pb.ProvisionClusterRequest;
import dev.resolute.fabric.pb.ProvisionClusterResponse;
import dev.resolute.fabric.pb.WorkerStatus;
import com.google.protobuf.ByteString;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code restate.node_ctl_svc.NodeCtlSvc}: who this node is ({@code GetIdent}), the metadata restatectl decodes
 * ({@code GetMetadata}) and provisioning, which a Resolute node does for itself at its first start: a dry run answers
 * the configuration the request resolves to, a real one says the cluster is provisioned already.
 */
final class NodeCtlService {

    static final String NAME = "restate.node_ctl_svc.NodeCtlSvc";

    private static final Set<String> PROVIDERS = Set.of("local", "in-memory", ClusterProtos.REPLICATED);

    private final NodeFacts node;
    private final MetadataBlobs blobs;
    private final Clock clock;

    NodeCtlService(NodeFacts node, MetadataBlobs blobs, Clock clock) {
        this.node = node;
        this.blobs = blobs;
        this.clock = clock;
    }

    ServerServiceDefinition definition() {
        return new GrpcMethods(NAME)
                .unary("GetIdent", Empty.getDefaultInstance(), IdentResponse.getDefaultInstance(), request -> ident())
                .unary("GetMetadata", GetMetadataRequest.getDefaultInstance(), GetMetadataResponse.getDefaultInstance(), this::metadata)
                .unary("ProvisionCluster", ProvisionClusterRequest.getDefaultInstance(), ProvisionClusterResponse.getDefaultInstance(),
                        this::provision)
                .build();
    }

    IdentResponse ident() {
        return IdentResponse.newBuilder()
                .setStatus(NodeStatus.ALIVE)
                .setNodeId(NodeId.newBuilder().setId(NodeFacts.PLAIN_ID).setGeneration(node.generation()))
                .setClusterName(node.clusterName())
                .addAllRoles(node.roles())
                .setAgeS(node.uptime(clock.instant()).toSeconds())
                .setAdminStatus(node.has("admin") ? AdminStatus.AdminStatus_READY : AdminStatus.AdminStatus_UNKNOWN)
                .setWorkerStatus(node.has("worker") ? WorkerStatus.WorkerStatus_READY : WorkerStatus.WorkerStatus_UNKNOWN)
                .setLogServerStatus(node.has("log-server") ? LogServerStatus.LogServerStatus_READY : LogServerStatus.LogServerStatus_UNKNOWN)
                .setMetadataServerStatus(node.has("metadata-server") ? MetadataServerStatus.MetadataServerStatus_MEMBER
                        : MetadataServerStatus.MetadataServerStatus_UNKNOWN)
                .setNodesConfigVersion(MetadataBlobs.VERSION)
                .setLogsVersion(MetadataBlobs.VERSION)
                .setSchemaVersion(MetadataBlobs.VERSION)
                .setPartitionTableVersion(MetadataBlobs.VERSION)
                .addAdvertisedAddresses(IdentResponse.NetAddress.newBuilder().setName("fabric").setAddress(node.fabricAddress())
                        .setKind(node.fabricAddress().startsWith("unix:") ? IdentResponse.AddressKind.UNIX : IdentResponse.AddressKind.HTTP))
                .build();
    }

    private GetMetadataResponse metadata(GetMetadataRequest request) throws StatusException {
        byte[] blob = switch (request.getKind()) {
            case NODES_CONFIGURATION -> blobs.nodesConfiguration();
            case LOGS -> blobs.logs();
            case PARTITION_TABLE -> blobs.partitionTable();
            default -> throw Status.UNIMPLEMENTED
                    .withDescription("metadata kind " + request.getKind() + " is not kept here; ask for NODES_CONFIGURATION, LOGS or PARTITION_TABLE")
                    .asException();
        };
        return GetMetadataResponse.newBuilder().setEncoded(ByteString.copyFrom(blob)).build();
    }

    private ProvisionClusterResponse provision(ProvisionClusterRequest request) throws StatusException {
        String provider = request.hasLogProvider() ? request.getLogProvider() : ClusterProtos.REPLICATED;
        if (!PROVIDERS.contains(provider)) {
            throw Status.INVALID_ARGUMENT.withDescription("unknown log provider " + provider + "; expected one of " + List.of("local", "in-memory",
                    ClusterProtos.REPLICATED)).asException();
        }
        if (!request.getDryRun()) {
            throw Status.ALREADY_EXISTS.withDescription("The cluster has already been provisioned").asException();
        }
        var configuration = ClusterProtos.configuration(
                request.hasNumPartitions() ? request.getNumPartitions() : node.numPartitions(),
                request.hasPartitionReplication() ? request.getPartitionReplication().getReplicationProperty() : ClusterProtos.ONE_NODE,
                provider,
                request.hasLogReplication() ? request.getLogReplication().getReplicationProperty() : ClusterProtos.ONE_NODE,
                request.hasTargetNodesetSize() ? request.getTargetNodesetSize() : 0);
        ProvisionClusterResponse.Builder answer = ProvisionClusterResponse.newBuilder().setDryRun(true).setClusterConfiguration(configuration);
        if (!request.getDisabledFeaturesList().contains(ClusterFeature.CONTROLLED_IDEMPOTENT_SHARDING)) {
            answer.addEnabledFeatures(ClusterFeature.CONTROLLED_IDEMPOTENT_SHARDING);
        }
        return answer.build();
    }
}
