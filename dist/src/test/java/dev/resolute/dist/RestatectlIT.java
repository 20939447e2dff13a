package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.CallOptions;
import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code restatectl} 1.7.12 (npm @restatedev/restatectl) against the real server: a healthy one-node view
 * over the fabric's TCP port, its Unix socket and, like the networking seed, the admin socket. Every request it sends
 * is zstd-compressed; the metadata it decodes is our JSON (StorageCodec 5), so these runs pin that format too.
 */
class RestatectlIT extends SdkEngine {
    private static final Path RESTATECTL = SdkServices.TYPESCRIPT.resolve("node_modules/.bin/restatectl");
    private static final String ROLES = "admin | http-ingress | log-server | metadata-server | worker";
    private static final int PARTITIONS = 6;
    /** A partitions list row: id, node, mode, status, epoch, applied LSN. */
    private static final Pattern PARTITION_ROW = Pattern.compile("(?m)^\\s*(\\d+)\\s+(N1:\\d+)\\s+(\\w+)\\s+(\\w+)\\s+(e\\d+)\\s+(\\d+)\\s");

    @TempDir
    Path tmp;

    RestatectlIT() {
        super(Sdk.TYPESCRIPT, Mode.BIDI, "Flow");
    }

    /** Every listener (TCP and Unix sockets), and a partition count that is not the default, so the test sees it is read. */
    @Override
    String[] serverArgs() {
        return new String[] {"--default-num-partitions", Integer.toString(PARTITIONS)};
    }

    @Test
    void statusOverTheFabricPortShowsTheNodeAsAMemberWithItsRoles() throws Exception {
        String status = restatectl(server.workDir, "-s", fabricTcp(), "status");

        assertThat(status).contains("Node Configuration (v1)");
        assertThat(row(status, "n1")).contains("N1:", "Member", ROLES)
                .as("leads every partition, sequences every log and is in every nodeset")
                .containsPattern("Member\\s+" + PARTITIONS + "\\s+0\\s+" + PARTITIONS + "\\s+" + PARTITIONS + "\\s");
    }

    @Test
    void statusOverTheFabricSocketWithAnAbsolutePath() throws Exception {
        String socket = server.addresses().get("fabric.unix");
        assertThat(Path.of(socket)).isAbsolute();

        assertThat(row(restatectl(tmp, "-s", "unix:" + socket, "status"), "n1")).contains("Member", ROLES);
    }

    /** The networking seed's own example, relative to the directory the server runs in, on the admin listener. */
    @Test
    void statusOverTheAdminSocketAsTheNetworkingSeedShowsIt() throws Exception {
        Path adminSocket = Path.of(server.addresses().get("admin.unix"));
        String relative = server.workDir.relativize(adminSocket).toString();
        assertThat(relative).isEqualTo("data/n1/admin.sock");

        assertThat(row(restatectl(server.workDir, "-s", "unix:" + relative, "status"), "n1")).contains("Member", ROLES);
    }

    @Test
    void nodesListShowsTheAdvertisedFabricAddressThatRestatectlDials() throws Exception {
        String nodes = restatectl(tmp, "-s", fabricTcp(), "nodes", "list");

        assertThat(row(nodes, "n1")).containsPattern("N1\\s+\\d+\\s+n1\\s+" + Pattern.quote(server.addresses().get("fabric.advertised")))
                .contains(ROLES);
    }

    @Test
    void partitionsListLeadsEveryPartitionAndTheAppliedLsnGrowsWithInvocations() throws Exception {
        long before = appliedSum(restatectl(tmp, "-s", fabricTcp(), "partitions", "list"));
        for (int i = 0; i < 5; i++) {
            assertThat(Http.post(ingress + "/Flow/noop", null).body()).isEqualTo("\"ok\"");
        }

        String partitions = restatectl(tmp, "-s", fabricTcp(), "partitions", "list");

        Matcher rows = PARTITION_ROW.matcher(partitions);
        List<String> ids = new ArrayList<>();
        while (rows.find()) {
            ids.add(rows.group(1));
            assertThat(rows.group(3) + " " + rows.group(4)).as(rows.group()).isEqualTo("Leader Active");
        }
        assertThat(ids).as(partitions).hasSize(PARTITIONS);
        assertThat(appliedSum(partitions)).as("each invocation applies commands on its partition").isGreaterThanOrEqualTo(before + 5);
    }

    @Test
    void logsListHasOneReplicatedLogPerPartitionSequencedByTheNode() throws Exception {
        String logs = restatectl(tmp, "-s", fabricTcp(), "logs", "list");

        assertThat(logs).contains("Logs v1", "Logs Provider: replicated");
        assertThat(Pattern.compile("(?m)^\\s*\\d+\\s+1\\s+1\\s+replicated\\s+\\d+_0\\s+\\{node: 1}\\s+N1:\\d+\\s+\\[N1]").matcher(logs).results().count())
                .as(logs).isEqualTo(PARTITIONS);
    }

    @Test
    void metadataGetDecodesTheNodesConfiguration() throws Exception {
        String config = restatectl(tmp, "-s", fabricTcp(), "metadata", "get", "-k", "nodes_config");

        assertThat(config).contains("\"name\": \"n1\"", "\"version\": 1", "\"address\": \"" + server.addresses().get("fabric.advertised") + "\"",
                "\"worker_state\": \"active\"");
    }

    @Test
    void configGetShowsTheConfiguredPartitions() throws Exception {
        assertThat(restatectl(tmp, "-s", fabricTcp(), "config", "get"))
                .contains("Number of partitions: " + PARTITIONS, "Partition replication: {node: 1}", "Logs Provider: replicated");
    }

    /** Runs once the sql plugin is in the bundle (branch sql); until then the next test pins the answer without it. */
    @Test
    void sqlAnswersFromTheClusterTables() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(ServerProcess.DEFAULT_BUNDLE.resolve("plugins/sql")),
                "the bundle has no sql plugin");

        String rows = restatectl(tmp, "-s", fabricTcp(), "sql", "select name, gen_node_id, has_worker_role from nodes");

        assertThat(rows).contains("NAME", "GEN_NODE_ID", "n1", "N1:", "true");
    }

    @Test
    void sqlWithoutTheSqlPluginSaysWhichPluginToInstall() throws Exception {
        Path slim = tmp.resolve("resolute-without-sql");
        CustomBundleIT.copyWithout(ServerProcess.DEFAULT_BUNDLE, slim, "plugins/sql");
        try (ServerProcess plain = ServerProcess.startHealthy(slim, tmp.resolve("plain"), Map.of(), "--listen-mode", "tcp")) {
            String answer = restatectl(tmp, 1, "-s", plain.url("fabric"), "sql", "select * from nodes");

            assertThat(answer).contains("Error", "install the sql plugin (plugins/sql)");
        }
    }

    @Test
    void aRawGzippedCallIsAnsweredAndAnUnknownEncodingIsUnimplementedByName() throws Exception {
        CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
        compressors.register(new Codec.Gzip());
        compressors.register(new Unknown());
        int port = Integer.parseInt(server.addresses().get("fabric.tcp").replaceAll(".*:", ""));
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
                .compressorRegistry(compressors).build();
        try {
            byte[] ident = ClientCalls.blockingUnaryCall(channel, GET_IDENT, CallOptions.DEFAULT.withCompression("gzip"), new byte[0]);
            StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                    () -> ClientCalls.blockingUnaryCall(channel, GET_IDENT, CallOptions.DEFAULT.withCompression("br"), new byte[0]));

            // field 1 (status) = ALIVE (1): the first bytes of the IdentResponse
            assertThat(ident).startsWith(0x08, 0x01);
            assertThat(new String(ident, java.nio.charset.StandardCharsets.UTF_8)).contains("localcluster", "metadata-server", server.addresses().get("fabric.advertised"));
            assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
            assertThat(unknown.getStatus().getDescription()).contains("br");
        } finally {
            channel.shutdownNow();
        }
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final MethodDescriptor<byte[], byte[]> GET_IDENT = MethodDescriptor.newBuilder(BYTES, BYTES)
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("restate.node_ctl_svc.NodeCtlSvc/GetIdent")
            .build();

    /** An encoding gRPC-Java announces as {@code grpc-encoding: br}, which the fabric does not decode. */
    private static final class Unknown implements Codec {
        @Override
        public String getMessageEncoding() {
            return "br";
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

    private String fabricTcp() throws IOException {
        return server.url("fabric");
    }

    private static long appliedSum(String partitions) {
        return PARTITION_ROW.matcher(partitions).results().mapToLong(m -> Long.parseLong(m.group(6))).sum();
    }

    /** The table row of node {@code name}. */
    private static String row(String table, String name) {
        return table.lines().filter(line -> line.contains(" " + name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + " in:\n" + table));
    }

    private String restatectl(Path workDir, String... args) throws Exception {
        return restatectl(workDir, 0, args);
    }

    private String restatectl(Path workDir, int expectedExit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RESTATECTL.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(tmp, "restatectl", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("RESTATE"));
        builder.environment().put("NO_COLOR", "1");
        builder.environment().put("HOME", tmp.toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("restatectl " + String.join(" ", args) + " finished").isTrue();
        String text = Files.readString(output);
        assertThat(process.exitValue()).as("restatectl " + String.join(" ", args) + ":\n" + text).isEqualTo(expectedExit);
        return text;
    }
}
