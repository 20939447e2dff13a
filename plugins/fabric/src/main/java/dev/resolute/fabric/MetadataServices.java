package dev.resolute.fabric;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import dev.resolute.fabric.pb.GetRequest;
import dev.resolute.fabric.pb.GetResponse;
import dev.resolute.fabric.pb.MetadataServerConfiguration;
import dev.resolute.fabric.pb.MetadataServerStatus;
import dev.resolute.fabric.pb.StatusResponse;
import dev.resolute.fabric.pb.Version;
import dev.resolute.fabric.pb.VersionedValue;
import io.grpc.ServerServiceDefinition;
import java.util.List;

/**
 * The metadata services restatectl reads: the metadata server's status (a single node is the only member of its own
 * metadata store) and reads of the store by key.
 */
final class MetadataServices {

    static final String SERVER = "restate.metadata_server_svc.MetadataServerSvc";
    static final String PROXY = "restate.metadata_proxy_svc.MetadataProxySvc";

    private final NodeFacts node;
    private final MetadataBlobs blobs;

    MetadataServices(NodeFacts node, MetadataBlobs blobs) {
        this.node = node;
        this.blobs = blobs;
    }

    List<ServerServiceDefinition> definitions() {
        ServerServiceDefinition server = new GrpcMethods(SERVER)
                .unary("Status", Empty.getDefaultInstance(), StatusResponse.getDefaultInstance(), request -> status())
                .build();
        ServerServiceDefinition proxy = new GrpcMethods(PROXY)
                .unary("Get", GetRequest.getDefaultInstance(), GetResponse.getDefaultInstance(), this::get)
                .build();
        return List.of(server, proxy);
    }

    private StatusResponse status() {
        return StatusResponse.newBuilder()
                .setStatus(MetadataServerStatus.MetadataServerStatus_MEMBER)
                .setConfiguration(MetadataServerConfiguration.newBuilder()
                        .setVersion(Version.newBuilder().setValue(MetadataBlobs.VERSION))
                        .putMembers(NodeFacts.PLAIN_ID, node.startedAt().toEpochMilli()))
                .setLeader(NodeFacts.PLAIN_ID)
                .build();
    }

    /** A key this node does not keep has no value, which restatectl prints as {@code null}. */
    private GetResponse get(GetRequest request) {
        return blobs.byKey(request.getKey())
                .map(blob -> GetResponse.newBuilder().setValue(VersionedValue.newBuilder()
                        .setVersion(Version.newBuilder().setValue(MetadataBlobs.VERSION))
                        .setBytes(ByteString.copyFrom(blob))).build())
                .orElse(GetResponse.getDefaultInstance());
    }
}
