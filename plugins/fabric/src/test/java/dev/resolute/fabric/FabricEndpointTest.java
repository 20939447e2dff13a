package dev.resolute.fabric;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.Component;
import dev.resolute.spi.ListenerStats;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.Transport;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.HostPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fabric endpoint behind the kernel's connector shapes (TCP h1 + h2c, Unix socket), hit by real clients. */
class FabricEndpointTest {

    @TempDir
    Path dir;

    private final TestKernel kernel = new TestKernel();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private Server server;
    private ServerConnector tcp;
    private Path socket;
    private Component fabric;

    @BeforeEach
    void start() throws Exception {
        server = kernel.server();
        HttpConfiguration http = new HttpConfiguration();
        tcp = new ServerConnector(server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
        tcp.setHost("127.0.0.1");
        tcp.setPort(0);
        tcp.setName("fabric-tcp");
        server.addConnector(tcp);

        HttpConfiguration unixHttp = new HttpConfiguration();
        unixHttp.setServerAuthority(new HostPort("localhost"));
        UnixDomainServerConnector unix = new UnixDomainServerConnector(server,
                new HttpConnectionFactory(unixHttp), new HTTP2CServerConnectionFactory(unixHttp));
        socket = dir.resolve("fabric.sock");
        unix.setUnixDomainPath(socket);
        unix.setName("fabric-unix");
        server.addConnector(unix);

        fabric = new FabricPluginFactory().create(kernel);
        fabric.start();
        server.setHandler(kernel.mounted("fabric"));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        channels.forEach(ManagedChannel::shutdownNow);
        server.stop();
        fabric.stop();
    }

    @Test
    void isAnEndpointFoundByServiceLoaderThatMountsNothingUntilStarted() {
        PluginFactory factory = ServiceLoader.load(PluginFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("fabric"))
                .findFirst()
                .orElseThrow();
        TestKernel fresh = new TestKernel();

        factory.create(fresh);

        assertEquals(PluginKind.ENDPOINT, factory.kind());
        assertEquals(0, fresh.mounted().size());
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void healthIsOkOverHttp1AndH2c(HttpClient.Version version) throws Exception {
        HttpResponse<String> response = get(version, "/health");

        assertEquals(200, response.statusCode());
        assertEquals(version, response.version());
        assertEquals("{\"status\":\"ok\"}", response.body());
    }

    @Test
    void healthIs503NamingEveryReportedProblemUntilItIsCleared() throws Exception {
        kernel.health.reportProblem("worker", "partition 3 stopped: \"disk\" failed");

        HttpResponse<String> unhealthy = get(HttpClient.Version.HTTP_1_1, "/health");
        kernel.health.clearProblem("worker");
        HttpResponse<String> healthy = get(HttpClient.Version.HTTP_1_1, "/health");

        assertEquals(503, unhealthy.statusCode());
        assertEquals("{\"status\":\"unhealthy\",\"problems\":[\"worker: partition 3 stopped: \\\"disk\\\" failed\"]}", unhealthy.body());
        assertEquals(200, healthy.statusCode());
    }

    @Test
    void healthAndMetricsRefuseOtherMethodsAndOtherPathsAreNotFound() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/health")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("allow").orElseThrow());
        assertEquals(404, get(HttpClient.Version.HTTP_1_1, "/nope").statusCode());
    }

    @Test
    void metricsHaveJvmMetricsAndListenerCountersReadAtScrapeTime() throws Exception {
        BoundAddress admin = new BoundAddress("admin", Transport.TCP, "127.0.0.1:9070");
        BoundAddress ingress = new BoundAddress("ingress", Transport.UNIX, "/run/restate/ingress \"1\".sock");
        kernel.listenerStats(List.of(new ListenerStats(admin, 3, 10, 25, 4096, 8192), new ListenerStats(ingress, 0, 1, 2, 3, 4)));

        HttpResponse<String> first = get(HttpClient.Version.HTTP_1_1, "/metrics");

        assertEquals(200, first.statusCode());
        assertTrue(first.headers().firstValue("content-type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        List<String> lines = first.body().lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("jvm_memory_used_bytes{")), first.body());
        String adminLabels = "{address=\"127.0.0.1:9070\",service=\"admin\",transport=\"tcp\"}";
        assertTrue(lines.containsAll(List.of(
                "# TYPE restate_listener_connections_open gauge",
                "restate_listener_connections_open" + adminLabels + " 3.0",
                "# TYPE restate_listener_connections_total counter",
                "restate_listener_connections_total" + adminLabels + " 10.0",
                "restate_listener_requests_total" + adminLabels + " 25.0",
                "restate_listener_bytes_in_total" + adminLabels + " 4096.0",
                "restate_listener_bytes_out_total" + adminLabels + " 8192.0",
                "restate_listener_requests_total{address=\"/run/restate/ingress \\\"1\\\".sock\",service=\"ingress\",transport=\"unix\"} 2.0")),
                first.body());

        kernel.listenerStats(List.of(new ListenerStats(admin, 1, 11, 30, 5000, 9000)));
        List<String> second = get(HttpClient.Version.HTTP_1_1, "/metrics").body().lines().toList();

        assertTrue(second.contains("restate_listener_requests_total" + adminLabels + " 30.0"));
        assertTrue(second.stream().noneMatch(line -> line.contains("service=\"ingress\"")));
    }

    @Test
    void grpcHealthCheckIsServingOverH2c() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(tcpChannel()).withDeadlineAfter(10, TimeUnit.SECONDS);

        assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }

    @Test
    void grpcHealthCheckIsNotServingWhileTheNodeReportsAProblem() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(tcpChannel()).withDeadlineAfter(10, TimeUnit.SECONDS);

        kernel.health.reportProblem("worker", "partition 1 stopped");
        ServingStatus unhealthy = health.check(HealthCheckRequest.getDefaultInstance()).getStatus();
        kernel.health.clearProblem("worker");

        assertEquals(ServingStatus.NOT_SERVING, unhealthy);
        assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }

    @Test
    void grpcHealthCheckIsServingOverTheUnixSocket() {
        // gRPC-Java sends the socket path as :authority, which Jetty's HPACK decoder rejects (invalid_hpack_block).
        ManagedChannel unix = Grpc.newChannelBuilder("unix://" + socket, InsecureChannelCredentials.create())
                .overrideAuthority("localhost")
                .build();
        channels.add(unix);
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(unix).withDeadlineAfter(10, TimeUnit.SECONDS);

        assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }

    @Test
    void grpcErrorsArriveAsStatusTrailersWithTheirMessage() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(tcpChannel()).withDeadlineAfter(10, TimeUnit.SECONDS);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> health.check(HealthCheckRequest.newBuilder().setService("nöpe 100%").build()));

        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("unknown service nöpe 100%", e.getStatus().getDescription());
    }

    @Test
    void anOversizedGrpcRequestFailsAloneAndTheConnectionStaysUsable() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(tcpChannel()).withDeadlineAfter(10, TimeUnit.SECONDS);
        HealthCheckRequest huge = HealthCheckRequest.newBuilder().setService("x".repeat(5 * 1024 * 1024)).build();

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> health.check(huge));

        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("exceeded"), e.toString());
        assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }

    @Test
    void anUnknownGrpcMethodIsUnimplemented() {
        MethodDescriptor<HealthCheckRequest, HealthCheckResponse> unknown = MethodDescriptor.<HealthCheckRequest, HealthCheckResponse>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName("resolute.Nothing/Here")
                .setRequestMarshaller(ProtoUtils.marshaller(HealthCheckRequest.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(HealthCheckResponse.getDefaultInstance()))
                .build();

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(tcpChannel(), unknown,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), HealthCheckRequest.getDefaultInstance()));

        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }

    @Test
    void grpcHealthWatchStreamsServingAndEndsWhenTheEndpointStops() throws Exception {
        Iterator<HealthCheckResponse> watch = HealthGrpc.newBlockingStub(tcpChannel())
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .watch(HealthCheckRequest.getDefaultInstance());

        assertEquals(ServingStatus.SERVING, watch.next().getStatus());

        fabric.stop();
        StatusRuntimeException end = assertThrows(StatusRuntimeException.class, () -> {
            while (watch.hasNext()) {
                // Whatever arrives after stop may only say that the node is going away.
                assertEquals(ServingStatus.NOT_SERVING, watch.next().getStatus());
            }
        });
        assertEquals(Status.Code.UNAVAILABLE, end.getStatus().getCode(), end.toString());
    }

    @Test
    void stopIsSafeBeforeStartAfterAFailedStartAndTwice() throws Exception {
        TestKernel refusing = new TestKernel();
        refusing.refuseMounts();
        Component never = new FabricPluginFactory().create(refusing);
        Component failed = new FabricPluginFactory().create(refusing);

        assertDoesNotThrow(never::stop);
        assertThrows(IllegalStateException.class, failed::start);
        assertDoesNotThrow(failed::stop);
        assertDoesNotThrow(failed::stop);
    }

    private ManagedChannel tcpChannel() {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", tcp.getLocalPort(), InsecureChannelCredentials.create()).build();
        channels.add(channel);
        return channel;
    }

    private HttpResponse<String> get(HttpClient.Version version, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).build();
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + tcp.getLocalPort() + path);
    }
}
