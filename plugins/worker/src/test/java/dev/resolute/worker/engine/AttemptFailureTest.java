package dev.resolute.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.resolute.spi.Health;
import dev.resolute.spi.invocation.InvocationOutcome;
import dev.resolute.spi.invocation.InvocationRequest;
import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.spi.storage.Snapshot;
import dev.resolute.storage.lmdb.LmdbStorageFactory;
import dev.resolute.tck.storage.OpenStore;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.fsm.RetryPolicy;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.Frame;
import dev.resolute.worker.protocol.FrameEncoder;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.EndMessage;
import dev.resolute.worker.protocol.pb.GetPromiseCommandMessage;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.SuspensionMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad frames from a deployment fail only their attempt: the reason is stored as the invocation's
 * last failure, nothing of the bad attempt enters the journal, and the retry policy runs the next
 * attempt. A command the engine does not support yet fails its attempt the same way, by name. The
 * deployment is scripted over HTTP/1.1 request/response; storage is real LMDB.
 */
class AttemptFailureTest {
    private static final long SIZE_LIMIT = 1024;

    @TempDir
    Path tmp;

    private final ExecutorService attempts = Executors.newCachedThreadPool();
    private HttpServer peer;
    private HttpClient client;
    private Engine engine;
    private OpenStore store;
    /** The invocation's stored status as each attempt found it when it started (index = attempt - 1). */
    private final List<InvocationStatus> seenAtStart = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.stop();
        }
        if (client != null) {
            client.stop();
        }
        if (peer != null) {
            peer.stop(0);
        }
        attempts.shutdownNow();
        if (store != null) {
            store.close();
        }
    }

    @Test
    void malformedAndOversizedFramesAreLastFailuresAndRetried() throws Exception {
        Tables tables = start(new RetryPolicy(Duration.ofMillis(20), 1.0, 10, Duration.ofMillis(20), true));
        peer.createContext("/invoke/Svc/h", exchange -> script(exchange, tables));

        String id = engine.submit(new InvocationRequest("Svc", "h", Optional.empty(), "{}".getBytes(StandardCharsets.UTF_8),
                List.of(), Optional.empty(), Optional.empty())).get(30, TimeUnit.SECONDS).invocationId();
        InvocationOutcome outcome = engine.outcome(id).get(30, TimeUnit.SECONDS);

        assertThat(new String(outcome.value(), StandardCharsets.UTF_8)).isEqualTo("\"third time\"");
        assertThat(seenAtStart).hasSize(3);
        InvocationStatus second = seenAtStart.get(1);
        assertThat(second.getRetryCount()).isEqualTo(1);
        assertThat(second.getLastFailure()).startsWith("[0] payload of message type 0x0403 (SET_STATE_COMMAND) does not parse");
        assertThat(second.getJournalLength()).as("only the input: the bad command was not journaled").isEqualTo(1);
        InvocationStatus third = seenAtStart.get(2);
        assertThat(third.getRetryCount()).isEqualTo(2);
        assertThat(third.getLastFailure()).isEqualTo("[0] message of type 0x0401 has 2056 B, over worker.invoker.message-size-limit of 1.0 KiB");
        assertThat(third.getJournalLength()).isEqualTo(1);
        assertThat(third.getAttempts()).isEqualTo(3);
    }

    @Test
    void aCommandThePartitionCannotAcceptFailsTheAttemptByNameUntilTheRetryPolicyGivesUp() throws Exception {
        Tables tables = start(new RetryPolicy(Duration.ofMillis(20), 1.0, 2, Duration.ofMillis(20), false));
        peer.createContext("/invoke/Svc/h", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seenAtStart.add(status(tables, exchange.getRequestHeaders().getFirst("x-restate-invocation-id")));
            respond(exchange, List.of(new Frame(MessageType.GET_PROMISE_COMMAND.id(), 0, GetPromiseCommandMessage.newBuilder()
                    .setKey("p").setResultCompletionId(1).build().toByteArray()), suspension(1)));
        });

        String id = engine.submit(new InvocationRequest("Svc", "h", Optional.empty(), "{}".getBytes(StandardCharsets.UTF_8),
                List.of(), Optional.empty(), Optional.empty())).get(30, TimeUnit.SECONDS).invocationId();
        InvocationOutcome outcome = engine.outcome(id).get(30, TimeUnit.SECONDS);

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.code()).isEqualTo(500);
        String reason = "GetPromiseCommandMessage is only for workflows, but Svc/h is not a workflow's handler";
        assertThat(outcome.message()).isEqualTo(reason);
        assertThat(seenAtStart).hasSize(2);
        assertThat(seenAtStart.get(1).getLastFailure()).isEqualTo("[0] " + reason);
        assertThat(seenAtStart.get(1).getJournalLength()).as("only the input: the refused command was not journaled").isEqualTo(1);
    }

    @Test
    void anErrorOrSuspensionFrameThatDoesNotParseIsNamedOnceAndAnErrorWithoutAMessageGetsOne() throws Exception {
        Tables tables = start(new RetryPolicy(Duration.ofMillis(20), 1.0, 10, Duration.ofMillis(20), true));
        byte[] malformedVarint = {0x08, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        peer.createContext("/invoke/Svc/h", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seenAtStart.add(status(tables, exchange.getRequestHeaders().getFirst("x-restate-invocation-id")));
            respond(exchange, switch (seenAtStart.size()) {
                case 1 -> List.of(new Frame(MessageType.ERROR.id(), 0, malformedVarint));
                case 2 -> List.of(new Frame(MessageType.SUSPENSION.id(), 0, new byte[] {0x0A, 0x40, 1}));
                case 3 -> List.of(new Frame(MessageType.ERROR.id(), 0, dev.resolute.worker.protocol.pb.ErrorMessage.newBuilder().setCode(503).build().toByteArray()));
                default -> List.of(output("\"ok\""), end());
            });
        });

        String id = engine.submit(new InvocationRequest("Svc", "h", Optional.empty(), "{}".getBytes(StandardCharsets.UTF_8),
                List.of(), Optional.empty(), Optional.empty())).get(30, TimeUnit.SECONDS).invocationId();
        engine.outcome(id).get(30, TimeUnit.SECONDS);

        assertThat(seenAtStart).hasSize(4);
        assertThat(seenAtStart.get(1).getLastFailure())
                .isEqualTo("[0] payload of message type 0x0002 (ERROR) does not parse: CodedInputStream encountered a malformed varint.");
        assertThat(seenAtStart.get(3).getLastFailure()).isEqualTo("[503] the service failed the attempt with code 503 and no message");
        assertThat(seenAtStart.get(2).getLastFailure()).startsWith("[0] payload of message type 0x0001 (SUSPENSION) does not parse: ")
                .satisfies(failure -> assertThat(failure.split("While parsing", -1)).as("the parser's words once").hasSize(2));
    }

    /** Opens the store, starts the scripted peer (the test adds its handler) and an engine with {@code retry}. */
    private Tables start(RetryPolicy retry) throws Exception {
        store = OpenStore.open(new LmdbStorageFactory(), tmp.resolve("store"), Map.of());
        Tables tables = new Tables(store.storage());
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.start();
        client = new HttpClient();
        client.start();
        URI uri = URI.create("http://127.0.0.1:" + peer.getAddress().getPort() + "/");
        engine = new Engine(store.storage(), new OneHandler(uri), client, RequestIdentity.NONE, attempts, 2,
                new InvokerSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), 10, SIZE_LIMIT, SIZE_LIMIT, 7, "test"), retry, new Health());
        engine.start();
        return tables;
    }

    /** Attempt 1 sends a SetState whose payload is cut short, attempt 2 an output over the size limit, attempt 3 answers. */
    private void script(HttpExchange exchange, Tables tables) throws IOException {
        exchange.getRequestBody().readAllBytes();
        seenAtStart.add(status(tables, exchange.getRequestHeaders().getFirst("x-restate-invocation-id")));
        List<Frame> out = switch (seenAtStart.size()) {
            case 1 -> List.of(new Frame(MessageType.SET_STATE_COMMAND.id(), 0, new byte[] {0x0A, 0x40, 'k'}),
                    end());
            case 2 -> List.of(output("\"" + "x".repeat((int) (2 * SIZE_LIMIT)) + "\""), end());
            default -> List.of(output("\"third time\""), end());
        };
        respond(exchange, out);
    }

    private static void respond(HttpExchange exchange, List<Frame> out) throws IOException {
        byte[] body = FrameEncoder.encodeAll(out);
        exchange.getResponseHeaders().add("content-type", exchange.getRequestHeaders().getFirst("content-type"));
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    private InvocationStatus status(Tables tables, String invocationId) {
        try (Snapshot snapshot = store.storage().snapshot()) {
            return tables.status().get(Reads.of(snapshot), InvocationId.parse(invocationId).toBytes()).orElseThrow();
        }
    }

    private static Frame output(String json) {
        OutputCommandMessage output = OutputCommandMessage.newBuilder()
                .setValue(Value.newBuilder().setContent(com.google.protobuf.ByteString.copyFromUtf8(json))).build();
        return new Frame(MessageType.OUTPUT_COMMAND.id(), 0, output.toByteArray());
    }

    private static Frame suspension(int completion) {
        return new Frame(MessageType.SUSPENSION.id(), 0, SuspensionMessage.newBuilder().addWaitingCompletions(completion).build().toByteArray());
    }

    private static Frame end() {
        return new Frame(MessageType.END.id(), 0, EndMessage.getDefaultInstance().toByteArray());
    }

    /** The schema seam with one plain service {@code Svc/h} on a V7 request/response deployment over HTTP/1.1. */
    record OneHandler(URI uri) implements Targets {
        @Override
        public Invoke resolve(String service, String handler, String key) {
            return Invoke.newBuilder()
                    .setTarget(Target.newBuilder().setService(service).setHandler(handler).setKey(key)
                            .setServiceKind(ServiceKind.SERVICE).setHandlerKind(HandlerKind.UNKEYED))
                    .setDeployment(Deployment.newBuilder().setId("dp_test").setProtocolVersion(7))
                    .build();
        }

        @Override
        public dev.resolute.worker.engine.pb.Deployment repin(Optional<String> deploymentId, String service, int protocolVersion) {
            return Deployment.newBuilder().setId(deploymentId.orElse("dp_test")).setProtocolVersion(protocolVersion).build();
        }

        @Override
        public AttemptSettings settings(String deploymentId, String service, String handler) {
            return new AttemptSettings(uri, false, false, Map.of(), false, Optional.empty(), Optional.empty());
        }
    }
}
