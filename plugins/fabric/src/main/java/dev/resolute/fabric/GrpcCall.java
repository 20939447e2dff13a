package dev.resolute.fabric;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * One gRPC call relayed from a Jetty request to the in-process server and back, as opaque bytes:
 * request messages in, response messages out, the final status as {@code grpc-status} trailers.
 *
 * <p>The request body is read whole before it is sent on. That carries unary, server-streaming
 * (health {@code Watch}) and client-streaming calls; a bidirectional call whose client waits for
 * answers before half-closing would stall, and the fabric serves none.
 */
final class GrpcCall extends ClientCall.Listener<byte[]> {

    /** gRPC's default maximum message size, plus room for a few prefixes. */
    private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024 + 64;
    /** gRPC's default maximum message size, which a decompressed message must not exceed either. */
    private static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

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

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ClientCall<byte[], byte[]> call;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Status status;
    /** Jetty allows one pending write at a time; each write waits for the one before. */
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);

    GrpcCall(Channel channel, Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        // The server side resolves the method by name; the type only matters to the client, and UNKNOWN fits all.
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.newBuilder(BYTES, BYTES)
                .setType(MethodDescriptor.MethodType.UNKNOWN)
                .setFullMethodName(Request.getPathInContext(request).substring(1))
                .build();
        this.call = channel.newCall(method, CallOptions.DEFAULT);
    }

    void start() {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/grpc");
        response.setTrailersSupplier(this::trailers);
        // A reset stream (client cancel, deadline, idle timeout) must cancel the call, or a Watch would live on.
        request.addFailureListener(failure -> call.cancel("the client went away", failure));
        call.start(this, new Metadata());
        call.request(1);
        // BLOCKING: the relayed service runs inline (directExecutor), so Jetty must give it a pool thread, not a selector.
        Content.Source.asByteArrayAsync(request, MAX_REQUEST_BYTES, Promise.Invocable.from(InvocationType.BLOCKING, this::send));
    }

    private void send(byte[] body, Throwable failure) {
        if (failure != null) {
            // Too large (Jetty's "Max size exceeded") or a reset stream, whose answer nobody reads.
            fail(Status.INTERNAL.withDescription("cannot read the request: " + failure.getMessage()).withCause(failure));
            return;
        }
        try {
            GrpcEncoding encoding = GrpcEncoding.of(request.getHeaders().get("grpc-encoding"));
            for (byte[] message : GrpcWire.messages(body, encoding, MAX_MESSAGE_BYTES)) {
                call.sendMessage(message);
            }
            call.halfClose();
        } catch (StatusException e) {
            fail(e.getStatus());
        }
    }

    @Override
    public void onMessage(byte[] message) {
        write(false, GrpcWire.frame(message)).whenComplete((done, failure) -> {
            if (failure == null) {
                call.request(1);
            } else {
                call.cancel("cannot write the response", cause(failure));
            }
        });
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
        finish(status);
    }

    /** Answers with {@code status} and cancels the call, whose own close then finds the exchange finished. */
    private void fail(Status status) {
        finish(status);
        call.cancel(status.getDescription(), status.getCause());
    }

    private void finish(Status status) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        this.status = status;
        write(true, BufferUtil.EMPTY_BUFFER).whenComplete((done, failure) -> {
            if (failure == null) {
                callback.succeeded();
            } else {
                callback.failed(cause(failure));
            }
        });
    }

    private synchronized CompletableFuture<Void> write(boolean last, ByteBuffer content) {
        writes = writes.thenCompose(done -> Callback.Completable.with(written -> response.write(last, content, written)));
        return writes;
    }

    private HttpFields trailers() {
        HttpFields.Mutable trailers = HttpFields.build().put("grpc-status", Integer.toString(status.getCode().value()));
        if (status.getDescription() != null) {
            trailers.put("grpc-message", GrpcWire.percentEncode(status.getDescription()));
        }
        return trailers;
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
