package dev.resolute.fabric;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one gRPC service from our {@code .proto} messages and plain functions: the methods gRPC-Java's code
 * generator would have written, without the generator (its protoc plugin is a native binary per platform).
 */
final class GrpcMethods {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcMethods.class);

    /** A unary method's answer, or a {@link StatusException} with the status to answer instead. */
    @FunctionalInterface
    interface Unary<Q, A> {
        A answer(Q request) throws StatusException;
    }

    /** A server-streaming method: sends its messages to {@code out}, or throws the status to end with. */
    @FunctionalInterface
    interface Streaming<Q, A> {
        void answer(Q request, StreamObserver<A> out) throws StatusException;
    }

    private final String service;
    private final ServerServiceDefinition.Builder definition;

    /** {@code service}: the full name, {@code restate.node_ctl_svc.NodeCtlSvc}. */
    GrpcMethods(String service) {
        this.service = service;
        this.definition = ServerServiceDefinition.builder(service);
    }

    <Q extends Message, A extends Message> GrpcMethods unary(String method, Q requestType, A answerType, Unary<Q, A> body) {
        definition.addMethod(descriptor(method, MethodDescriptor.MethodType.UNARY, requestType, answerType),
                ServerCalls.asyncUnaryCall((request, out) -> respond(method, out, () -> out.onNext(body.answer(request)))));
        return this;
    }

    <Q extends Message, A extends Message> GrpcMethods streaming(String method, Q requestType, A answerType, Streaming<Q, A> body) {
        definition.addMethod(descriptor(method, MethodDescriptor.MethodType.SERVER_STREAMING, requestType, answerType),
                ServerCalls.asyncServerStreamingCall((request, out) -> respond(method, out, () -> body.answer(request, out))));
        return this;
    }

    ServerServiceDefinition build() {
        return definition.build();
    }

    private <Q extends Message, A extends Message> MethodDescriptor<Q, A> descriptor(String method, MethodDescriptor.MethodType type,
                                                                                     Q requestType, A answerType) {
        return MethodDescriptor.<Q, A>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
                .setRequestMarshaller(ProtoUtils.marshaller(requestType))
                .setResponseMarshaller(ProtoUtils.marshaller(answerType))
                .build();
    }

    /** What a method does before the call completes: send its messages, or throw the status to end with. */
    @FunctionalInterface
    private interface Answer {
        void send() throws StatusException;
    }

    /** Runs a method's answer and ends the call: completed, with the status it threw, or INTERNAL for a bug. */
    private void respond(String method, StreamObserver<?> out, Answer answer) {
        try {
            answer.send();
            out.onCompleted();
        } catch (StatusException e) {
            out.onError(e);
        } catch (RuntimeException e) {
            out.onError(internal(method, e));
        }
    }

    private StatusException internal(String method, RuntimeException e) {
        LOG.warn("{}/{} failed", service, method, e);
        return Status.INTERNAL.withDescription(service + "/" + method + " failed: " + e).withCause(e).asException();
    }
}
