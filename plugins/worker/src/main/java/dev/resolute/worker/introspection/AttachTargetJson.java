package dev.resolute.worker.introspection;

import static dev.resolute.worker.introspection.EntryJsonValues.NODES;
import static dev.resolute.worker.introspection.EntryJsonValues.tagged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.protocol.pb.AttachInvocationCommandMessage;
import dev.resolute.worker.protocol.pb.GetInvocationOutputCommandMessage;
import dev.resolute.worker.protocol.pb.IdempotentRequestTarget;
import dev.resolute.worker.protocol.pb.WorkflowTarget;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The invocation an attach or get-output command names, as the model's {@code AttachInvocationTarget}:
 * {@code {"InvocationId": "inv_1…"}}, {@code {"IdempotentRequest": {…}}} (an {@code IdempotencyId}) or
 * {@code {"Workflow": {…}}} (a {@code ServiceId}); the last two carry the partition key the target lives in.
 */
final class AttachTargetJson {
    private AttachTargetJson() {
    }

    static JsonNode of(AttachInvocationCommandMessage m) {
        return switch (m.getTargetCase()) {
            case IDEMPOTENT_REQUEST_TARGET -> idempotentRequest(m.getIdempotentRequestTarget());
            case WORKFLOW_TARGET -> workflow(m.getWorkflowTarget());
            default -> tagged("InvocationId", NODES.textNode(m.getInvocationId()));
        };
    }

    static JsonNode of(GetInvocationOutputCommandMessage m) {
        return switch (m.getTargetCase()) {
            case IDEMPOTENT_REQUEST_TARGET -> idempotentRequest(m.getIdempotentRequestTarget());
            case WORKFLOW_TARGET -> workflow(m.getWorkflowTarget());
            default -> tagged("InvocationId", NODES.textNode(m.getInvocationId()));
        };
    }

    private static JsonNode idempotentRequest(IdempotentRequestTarget target) {
        Optional<String> key = target.hasServiceKey() ? Optional.of(target.getServiceKey()) : Optional.empty();
        ObjectNode id = NODES.objectNode().put("service_name", target.getServiceName());
        id.set("service_key", key.<JsonNode>map(NODES::textNode).orElse(NODES.nullNode()));
        id.put("service_handler", target.getHandlerName()).put("idempotency_key", target.getIdempotencyKey());
        id.set("scope", scope(target.hasScope(), target.getScope()));
        long partitionKey = InvocationId.forIdempotentRequest(target.getServiceName(), key, target.getHandlerName(),
                target.getIdempotencyKey()).partitionKey();
        id.set("partition_key", unsigned(partitionKey));
        return tagged("IdempotentRequest", id);
    }

    private static JsonNode workflow(WorkflowTarget target) {
        ObjectNode id = NODES.objectNode().put("service_name", target.getWorkflowName()).put("key", target.getWorkflowKey());
        id.set("partition_key", unsigned(PartitionKeys.of(target.getWorkflowKey())));
        id.set("scope", scope(target.hasScope(), target.getScope()));
        return tagged("Workflow", id);
    }

    private static JsonNode scope(boolean present, String scope) {
        return present ? NODES.textNode(scope) : NODES.nullNode();
    }

    /** A partition key is a u64: above {@code Long.MAX_VALUE} it is written as the unsigned number it is. */
    static JsonNode unsigned(long value) {
        return value >= 0 ? NODES.numberNode(value) : NODES.numberNode(new BigInteger(Long.toUnsignedString(value)));
    }
}
