package dev.resolute.fabric;

import com.google.protobuf.ByteString;
import dev.resolute.fabric.pb.ClusterStateRequest;
import dev.resolute.fabric.pb.ClusterStateResponse;
import dev.resolute.fabric.pb.DescribeLogRequest;
import dev.resolute.fabric.pb.DescribeLogResponse;
import dev.resolute.fabric.pb.GetClusterConfigurationRequest;
import dev.resolute.fabric.pb.GetClusterConfigurationResponse;
import dev.resolute.fabric.pb.ListLogsRequest;
import dev.resolute.fabric.pb.ListLogsResponse;
import dev.resolute.fabric.pb.QueryRequest;
import dev.resolute.fabric.pb.QueryResponse;
import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.QueryResult;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code restate.cluster_ctrl.ClusterCtrlSvc}: the parts restatectl reads. The cluster state, configuration and logs
 * of this one-node cluster, and {@code Query}, which runs SQL over the cluster tables through the {@code sql} plugin's
 * engine and streams the Arrow IPC answer.
 */
final class ClusterCtrlService {

    static final String NAME = "restate.cluster_ctrl.ClusterCtrlSvc";

    private final NodeFacts node;
    private final MetadataBlobs blobs;
    private final Optional<QueryEngine> queries;
    private final List<IntrospectedTable> tables;
    private final Clock clock;

    ClusterCtrlService(NodeFacts node, MetadataBlobs blobs, Optional<QueryEngine> queries, Clock clock) {
        this.node = node;
        this.blobs = blobs;
        this.queries = queries;
        this.tables = ClusterTables.of(node);
        this.clock = clock;
    }

    ServerServiceDefinition definition() {
        return new GrpcMethods(NAME)
                .unary("GetClusterState", ClusterStateRequest.getDefaultInstance(), ClusterStateResponse.getDefaultInstance(),
                        request -> ClusterStateResponse.newBuilder().setClusterState(ClusterProtos.state(node, clock.instant())).build())
                .unary("ListLogs", ListLogsRequest.getDefaultInstance(), ListLogsResponse.getDefaultInstance(),
                        request -> ListLogsResponse.newBuilder().setLogs(ByteString.copyFrom(blobs.logs())).build())
                .unary("DescribeLog", DescribeLogRequest.getDefaultInstance(), DescribeLogResponse.getDefaultInstance(), this::describeLog)
                .unary("GetClusterConfiguration", GetClusterConfigurationRequest.getDefaultInstance(),
                        GetClusterConfigurationResponse.getDefaultInstance(),
                        request -> GetClusterConfigurationResponse.newBuilder().setClusterConfiguration(ClusterProtos.configuration(node)).build())
                .streaming("Query", QueryRequest.getDefaultInstance(), QueryResponse.getDefaultInstance(), this::query)
                .build();
    }

    /** Nothing is ever trimmed: the command log keeps every entry, so the trim point is 0. */
    private DescribeLogResponse describeLog(DescribeLogRequest request) throws StatusException {
        if (request.getLogId() >= node.numPartitions()) {
            throw Status.NOT_FOUND.withDescription("log " + request.getLogId() + " does not exist; logs are 0 to " + (node.numPartitions() - 1))
                    .asException();
        }
        return DescribeLogResponse.newBuilder()
                .setLogId(request.getLogId())
                .setChain(ByteString.copyFrom(blobs.chain(request.getLogId())))
                .setLogsVersion(MetadataBlobs.VERSION)
                .setNodesConfiguration(ByteString.copyFrom(blobs.nodesConfiguration()))
                .build();
    }

    private void query(QueryRequest request, StreamObserver<QueryResponse> out) throws StatusException {
        QueryEngine engine = queries.orElseThrow(() -> Status.FAILED_PRECONDITION
                .withDescription("this node has no SQL engine: install the sql plugin (plugins/sql) to run queries").asException());
        try (QueryResult result = engine.execute(request.getQuery(), tables); QueryChunks chunks = new QueryChunks(out)) {
            result.writeArrowStream(chunks);
        } catch (QueryException e) {
            throw status(e).withDescription(e.getMessage()).withCause(e).asException();
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("cannot write the query's answer: " + e.getMessage()).withCause(e).asException();
        }
    }

    /** Restate's mapping: the query's own fault is INVALID_ARGUMENT, too many queries RESOURCE_EXHAUSTED, the rest INTERNAL. */
    private static Status status(QueryException e) {
        return switch (e.kind()) {
            case INVALID, UNSUPPORTED -> Status.INVALID_ARGUMENT;
            case BUSY, RESOURCES_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
            case FAILED -> Status.INTERNAL;
        };
    }
}
