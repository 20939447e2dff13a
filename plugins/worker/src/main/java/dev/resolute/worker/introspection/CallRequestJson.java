package dev.resolute.worker.introspection;

import static dev.resolute.worker.introspection.EntryJsonValues.NODES;
import static dev.resolute.worker.introspection.EntryJsonValues.bytes;
import static dev.resolute.worker.introspection.EntryJsonValues.duration;
import static dev.resolute.worker.introspection.EntryJsonValues.headers;
import static dev.resolute.worker.introspection.EntryJsonValues.tagged;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.Header;
import dev.resolute.worker.protocol.pb.OneWayCallCommandMessage;
import java.util.List;
import java.util.Optional;

/**
 * A call's or send's {@code request} as the model's {@code CallRequest}: the callee's id, its target with the handler
 * type the engine resolved, an empty span context (Resolute keeps no trace of its own), the parameter, headers,
 * idempotency key and the callee's retention.
 */
final class CallRequestJson {
    private CallRequestJson() {
    }

    /**
     * What the engine made of a call: the callee's id (the call's invocation-id notification) and how it invoked it.
     *
     * @param id                    the callee's {@code inv_1…} id
     * @param target                the callee's target, with its service and handler kinds
     * @param completionRetentionMs how long the callee's outcome is kept
     * @param journalRetentionMs    how long the callee's journal is kept
     */
    record Callee(String id, Target target, long completionRetentionMs, long journalRetentionMs) {
    }

    /** Finds the callee of the caller's call whose invocation-id notification has the given completion id. */
    interface Callees {
        Optional<Callee> byNotification(int invocationIdCompletionId);
    }

    static Optional<ObjectNode> of(CallCommandMessage call, Callees callees) {
        return callees.byNotification(call.getInvocationIdNotificationIdx())
                .map(callee -> request(callee, call.getParameter(), call.getHeadersList(), call.hasIdempotencyKey() ? call.getIdempotencyKey() : null));
    }

    static Optional<ObjectNode> of(OneWayCallCommandMessage send, Callees callees) {
        return callees.byNotification(send.getInvocationIdNotificationIdx())
                .map(callee -> request(callee, send.getParameter(), send.getHeadersList(), send.hasIdempotencyKey() ? send.getIdempotencyKey() : null));
    }

    private static ObjectNode request(Callee callee, ByteString parameter, List<Header> headers, String idempotencyKey) {
        ObjectNode request = NODES.objectNode().put("invocation_id", callee.id());
        request.set("invocation_target", target(callee.target()));
        request.set("span_context", emptySpanContext());
        request.set("parameter", bytes(parameter));
        request.set("headers", headers(headers));
        request.put("idempotency_key", idempotencyKey);
        request.set("completion_retention_duration", duration(callee.completionRetentionMs()));
        request.set("journal_retention_duration", duration(callee.journalRetentionMs()));
        return request;
    }

    /** The model's {@code InvocationTarget}: {@code Service}, or {@code VirtualObject}/{@code Workflow} with key and handler type. */
    static ObjectNode target(Target target) {
        ObjectNode body = NODES.objectNode().put("name", target.getService());
        String variant = switch (target.getServiceKind()) {
            case VIRTUAL_OBJECT -> "VirtualObject";
            case WORKFLOW -> "Workflow";
            default -> "Service";
        };
        if (!variant.equals("Service")) {
            body.put("key", target.getKey());
        }
        body.put("handler", target.getHandler());
        if (variant.equals("VirtualObject")) {
            body.put("handler_ty", target.getHandlerKind() == HandlerKind.SHARED ? "Shared" : "Exclusive");
        } else if (variant.equals("Workflow")) {
            body.put("handler_ty", target.getHandlerKind() == HandlerKind.WORKFLOW_RUN ? "Workflow" : "Shared");
        }
        body.putNull("scope");
        return tagged(variant, body);
    }

    /** A span context with no trace: zero trace and span ids, no flags, no state, no cause. */
    private static ObjectNode emptySpanContext() {
        ObjectNode span = NODES.objectNode();
        span.set("trace_id", zeros(16));
        span.set("span_id", zeros(8));
        span.put("trace_flags", 0).put("is_remote", false).put("trace_state", "");
        ObjectNode context = NODES.objectNode();
        context.set("span_context", span);
        context.putNull("cause");
        return context;
    }

    private static ArrayNode zeros(int count) {
        ArrayNode array = NODES.arrayNode(count);
        for (int i = 0; i < count; i++) {
            array.add(0);
        }
        return array;
    }
}
