package dev.resolute.fabric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import dev.resolute.fabric.pb.ClusterStateRequest;
import dev.resolute.fabric.pb.ClusterStateResponse;
import dev.resolute.fabric.pb.IdentResponse;
import dev.resolute.fabric.pb.MetadataServerStatus;
import dev.resolute.fabric.pb.NodeStatus;
import dev.resolute.fabric.pb.ProvisionClusterRequest;
import dev.resolute.fabric.pb.ProvisionClusterResponse;
import dev.resolute.fabric.pb.QueryRequest;
import dev.resolute.fabric.pb.QueryResponse;
import dev.resolute.fabric.pb.RunMode;
import dev.resolute.spi.Component;
import dev.resolute.spi.http.GrpcGateway;
import dev.resolute.spi.invocation.EngineInfo;
import dev.resolute.spi.invocation.PartitionStatus;
import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.QueryResult;
import dev.resolute.spi.query.TableColumn;
import dev.resolute.spi.schema.InvocationOptions;
import io.grpc.CallOptions;
import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** restatectl's services on the fabric, called by a real gRPC-Java client over h2c, compressed as clients do. */
class RestatectlServicesTest {

    private static final String NODE_CTL = NodeCtlService.NAME;
    private static final byte[] ARROW = new byte[QueryChunks.CHUNK_BYTES * 2 + 1234];

    static {
        new Random(7).nextBytes(ARROW);
    }

    private final AtomicReference<List<IntrospectedTable>> queriedTables = new AtomicReference<>();
    private Server server;
    private Component fabric;
    private ManagedChannel channel;
    private TestKernel kernel;

    private void start(TestKernel kernel) throws Exception {
        this.kernel = kernel;
        server = kernel.server();
        HttpConfiguration http = new HttpConfiguration();
        ServerConnector tcp = new ServerConnector(server, new HTTP2CServerConnectionFactory(http));
        tcp.setHost("127.0.0.1");
        tcp.setName("fabric-tcp");
        server.addConnector(tcp);
        kernel.advertise("unix:relative/fabric.sock");
        fabric = new FabricPluginFactory().create(kernel);
        fabric.start();
        server.setHandler(kernel.mounted("fabric"));
        server.start();
        CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
        compressors.register(new Codec.Gzip());
        compressors.register(new Snappy());
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", tcp.getLocalPort(), InsecureChannelCredentials.create())
                .compressorRegistry(compressors).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow();
        }
        server.stop();
        fabric.stop();
    }

    @Test
    void aGzippedGetIdentAnswersTheNodeWithTheVersionsOfItsMetadata() throws Exception {
        start(new TestKernel(Map.of("roles", "admin,worker,metadata-server")));

        IdentResponse ident = call(NODE_CTL, "GetIdent", Empty.getDefaultInstance(), IdentResponse.getDefaultInstance(), "gzip");

        assertEquals(NodeStatus.ALIVE, ident.getStatus());
        assertEquals(1, ident.getNodeId().getId());
        assertEquals(1, ident.getNodeId().getGeneration());
        assertEquals(List.of("admin", "worker", "metadata-server"), ident.getRolesList());
        assertEquals(MetadataServerStatus.MetadataServerStatus_MEMBER, ident.getMetadataServerStatus());
        assertEquals(1, ident.getNodesConfigVersion());
        assertEquals(1, ident.getLogsVersion());
        // a relative socket path is made absolute: restatectl resolves it against its own working directory
        assertTrue(ident.getAdvertisedAddresses(0).getAddress().matches("unix:/.+/relative/fabric\\.sock"), ident.toString());
    }

    @Test
    void anUnknownGrpcEncodingIsUnimplementedAndNamed() throws Exception {
        start(new TestKernel());

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> call(NODE_CTL, "GetIdent", Empty.getDefaultInstance(), IdentResponse.getDefaultInstance(), "snappy"));

        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("snappy"), e.getStatus().getDescription());
    }

    @Test
    void provisioningADryRunResolvesTheConfigurationAndARealOneFindsTheClusterProvisioned() throws Exception {
        start(new TestKernel(Map.of("default-num-partitions", "8")));

        ProvisionClusterResponse dryRun = call(NODE_CTL, "ProvisionCluster", ProvisionClusterRequest.newBuilder().setDryRun(true).build(),
                ProvisionClusterResponse.getDefaultInstance(), "gzip");
        StatusRuntimeException real = assertThrows(StatusRuntimeException.class, () -> call(NODE_CTL, "ProvisionCluster",
                ProvisionClusterRequest.getDefaultInstance(), ProvisionClusterResponse.getDefaultInstance(), "gzip"));

        assertEquals(8, dryRun.getClusterConfiguration().getNumPartitions());
        assertEquals("replicated", dryRun.getClusterConfiguration().getBifrostProvider().getProvider());
        assertEquals(Status.Code.ALREADY_EXISTS, real.getStatus().getCode());
    }

    @Test
    void theClusterStateLeadsTheEnginesPartitionsWithTheirAppliedIndex() throws Exception {
        EngineInfo engine = new EngineInfo() {
            @Override
            public InvocationOptions defaults() {
                return InvocationOptions.NONE;
            }

            @Override
            public List<PartitionStatus> partitions() {
                return List.of(new PartitionStatus(0, 0, Long.MAX_VALUE, 42, true), new PartitionStatus(1, Long.MIN_VALUE, -1, 7, true));
            }
        };
        start(new TestKernel().with(EngineInfo.class, engine));

        ClusterStateResponse state = call(ClusterCtrlService.NAME, "GetClusterState", ClusterStateRequest.getDefaultInstance(),
                ClusterStateResponse.getDefaultInstance(), null);

        var alive = state.getClusterState().getNodesOrThrow(1).getAlive();
        assertEquals(2, alive.getPartitionsCount());
        assertEquals(RunMode.LEADER, alive.getPartitionsOrThrow(0).getEffectiveMode());
        assertEquals(42, alive.getPartitionsOrThrow(0).getLastAppliedLogLsn().getValue());
        assertEquals(7, alive.getPartitionsOrThrow(1).getDurableLsn().getValue());
    }

    @Test
    void aQueryStreamsTheEnginesArrowAnswerInChunksOverTheClusterTables() throws Exception {
        start(new TestKernel().with(QueryEngine.class, engine(null)));

        ByteArrayOutputStream arrow = new ByteArrayOutputStream();
        int chunks = 0;
        Iterator<QueryResponse> answers = ClientCalls.blockingServerStreamingCall(channel,
                method(ClusterCtrlService.NAME, "Query", MethodDescriptor.MethodType.SERVER_STREAMING, QueryResponse.getDefaultInstance()),
                CallOptions.DEFAULT.withCompression("gzip"), QueryRequest.newBuilder().setQuery("select * from nodes").build());
        while (answers.hasNext()) {
            arrow.writeBytes(answers.next().getEncoded().toByteArray());
            chunks++;
        }

        assertArrayEquals(ARROW, arrow.toByteArray());
        assertEquals(3, chunks);
        assertEquals(List.of("nodes", "partitions", "logs"), queriedTables.get().stream().map(IntrospectedTable::name).toList());
    }

    @Test
    void queryErrorsMapToRestatesStatusesAndWithoutAnEngineSayWhatToInstall() throws Exception {
        start(new TestKernel().with(QueryEngine.class, engine(new QueryException(QueryException.Kind.INVALID, "no table nope"))));

        assertEquals(Status.Code.INVALID_ARGUMENT, queryFailure().getCode());
        assertEquals("no table nope", queryFailure().getDescription());
        stop();
        start(new TestKernel().with(QueryEngine.class, engine(new QueryException(QueryException.Kind.BUSY, "too many"))));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, queryFailure().getCode());
        stop();
        start(new TestKernel());
        Status missing = queryFailure();
        assertEquals(Status.Code.FAILED_PRECONDITION, missing.getCode());
        assertTrue(missing.getDescription().contains("install the sql plugin"), missing.getDescription());
    }

    @Test
    void theGatewayOtherEndpointsServeIsProvided() throws Exception {
        start(new TestKernel());

        assertTrue(kernel.provided(GrpcGateway.class) != null);
    }

    private Status queryFailure() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingServerStreamingCall(channel,
                method(ClusterCtrlService.NAME, "Query", MethodDescriptor.MethodType.SERVER_STREAMING, QueryResponse.getDefaultInstance()),
                CallOptions.DEFAULT, QueryRequest.newBuilder().setQuery("select 1").build()).hasNext());
        return e.getStatus();
    }

    /** An engine that answers {@link #ARROW} as its Arrow stream, or throws {@code failure}. */
    private QueryEngine engine(QueryException failure) {
        return new QueryEngine() {
            @Override
            public QueryResult execute(String sql) {
                throw new AssertionError("restatectl's queries run over the cluster tables only");
            }

            @Override
            public QueryResult execute(String sql, List<IntrospectedTable> tables) {
                queriedTables.set(tables);
                if (failure != null) {
                    throw failure;
                }
                return new QueryResult() {
                    @Override
                    public List<TableColumn> columns() {
                        return List.of();
                    }

                    @Override
                    public Object[] nextRow() {
                        return null;
                    }

                    @Override
                    public void writeArrowStream(OutputStream out) throws java.io.IOException {
                        out.write(ARROW, 0, 10);
                        out.write(ARROW, 10, ARROW.length - 10);
                    }

                    @Override
                    public void writeJsonRows(OutputStream out) {
                        throw new AssertionError("restatectl reads Arrow");
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    private <Q extends Message, A extends Message> A call(String service, String name, Q request, A answerType, String compression) {
        CallOptions options = compression == null ? CallOptions.DEFAULT : CallOptions.DEFAULT.withCompression(compression);
        @SuppressWarnings("unchecked")
        MethodDescriptor<Q, A> method = (MethodDescriptor<Q, A>) method(service, name, MethodDescriptor.MethodType.UNARY, answerType)
                .toBuilder(ProtoUtils.marshaller(request), ProtoUtils.marshaller(answerType)).build();
        return ClientCalls.blockingUnaryCall(channel, method, options, request);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <A extends Message> MethodDescriptor<Message, A> method(String service, String name, MethodDescriptor.MethodType type,
                                                                           A answerType) {
        return MethodDescriptor.<Message, A>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, name))
                .setRequestMarshaller((MethodDescriptor.Marshaller) ProtoUtils.marshaller(QueryRequest.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(answerType))
                .build();
    }

    /** A compression gRPC-Java sends as {@code grpc-encoding: snappy} that the fabric does not know (it compresses nothing). */
    private static final class Snappy implements Codec {
        @Override
        public String getMessageEncoding() {
            return "snappy";
        }

        @Override
        public OutputStream compress(OutputStream os) {
            return os;
        }

        @Override
        public InputStream decompress(InputStream is) {
            return is;
        }
    }
}
