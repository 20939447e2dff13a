package dev.resolute.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.resolute.spi.invocation.InvocationRequest;
import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.worker.engine.pb.Deployment;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.protocol.Frame;
import dev.resolute.worker.protocol.FrameEncoder;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.EndMessage;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every invocation request carries the request identity's headers, asked for with the path relative to
 * the deployment (its audience, without the deployment's own path prefix) and, for keyed handlers, the key.
 */
class AttemptIdentityTest {
    @TempDir
    Path tmp;

    @Test
    void attemptsAskTheIdentityForTheInvokePathAndTheObjectKey() throws Exception {
        // a recording identity: what the attempt asked for comes back as the header's value
        RequestIdentity identity = (path, subject) -> Map.of("x-restate-jwt-v1", path + " " + subject.orElse("<none>"));
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpHandler peer = exchange -> {
            seen.add(exchange.getRequestURI().getPath() + " -> " + exchange.getRequestHeaders().getFirst("x-restate-jwt-v1"));
            answer(exchange);
        };
        try (PeerEngine running = new PeerEngine(tmp.resolve("store"), "/prefix/", peer, identity, Duration.ofMillis(20))) {
            call(running.engine, "Svc", "h", Optional.empty());
            call(running.engine, "Obj", "add", Optional.of("a/b c"));
            assertThat(seen).containsExactly("/prefix/invoke/Svc/h -> /invoke/Svc/h <none>", "/prefix/invoke/Obj/add -> /invoke/Obj/add a/b c");
        }
    }

    private static void call(Engine engine, String service, String handler, Optional<String> key) throws Exception {
        String id = engine.submit(new InvocationRequest(service, handler, key, "1".getBytes(StandardCharsets.UTF_8), List.of(),
                Optional.empty(), Optional.empty())).get(30, TimeUnit.SECONDS).invocationId();
        assertThat(engine.outcome(id).get(30, TimeUnit.SECONDS).failed()).isFalse();
    }

    static void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = FrameEncoder.encodeAll(List.of(
                new Frame(MessageType.OUTPUT_COMMAND.id(), 0, OutputCommandMessage.newBuilder()
                        .setValue(Value.newBuilder().setContent(com.google.protobuf.ByteString.copyFromUtf8("\"ok\""))).build().toByteArray()),
                new Frame(MessageType.END.id(), 0, EndMessage.getDefaultInstance().toByteArray())));
        exchange.getResponseHeaders().add("content-type", exchange.getRequestHeaders().getFirst("content-type"));
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    /** A deployment with a plain service, or a virtual object when the call has a key; V7 request/response over HTTP/1.1. */
    record KeyedWhenAsked(URI uri) implements Targets {
        @Override
        public Invoke resolve(String service, String handler, String key) {
            boolean keyed = !key.isEmpty();
            return Invoke.newBuilder()
                    .setTarget(Target.newBuilder().setService(service).setHandler(handler).setKey(key)
                            .setServiceKind(keyed ? ServiceKind.VIRTUAL_OBJECT : ServiceKind.SERVICE)
                            .setHandlerKind(keyed ? HandlerKind.EXCLUSIVE : HandlerKind.UNKEYED))
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
