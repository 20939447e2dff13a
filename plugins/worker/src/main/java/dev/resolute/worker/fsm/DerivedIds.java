package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.HandlerKind;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.ids.PartitionKeys;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** Ids and seeds derived from stored ids, so applying the same command twice derives the same ones. */
final class DerivedIds {
    private DerivedIds() {
    }

    /**
     * The id of a call's or send's callee: a workflow's run and an idempotent request get the deterministic id Restate
     * gives them (every call of the same run or with the same key names the same invocation, so the callee's partition
     * sees the duplicates), any other callee one derived from the caller's id and the call's journal index.
     *
     * @throws AttemptFailure if the idempotency key is present but empty
     */
    static byte[] callee(byte[] caller, int index, Target target, Optional<String> idempotencyKey) {
        if (target.getHandlerKind() == HandlerKind.WORKFLOW_RUN) {
            return InvocationId.forWorkflowRun(target.getService(), target.getKey()).toBytes();
        }
        if (idempotencyKey.isPresent()) {
            if (idempotencyKey.get().isEmpty()) {
                throw new AttemptFailure("the call to " + target.getService() + "/" + target.getHandler() + " has an empty idempotency key");
            }
            Optional<String> key = target.getServiceKind() == ServiceKind.SERVICE ? Optional.empty() : Optional.of(target.getKey());
            return InvocationId.forIdempotentRequest(target.getService(), key, target.getHandler(), idempotencyKey.get()).toBytes();
        }
        return calleeId(caller, index, target);
    }

    /**
     * A callee's id, derived from the caller's id and the journal index of the call. Keyed callees live in their
     * key's partition.
     */
    static byte[] calleeId(byte[] caller, int index, Target target) {
        byte[] digest = sha256(caller, ByteBuffer.allocate(4).putInt(index).array());
        long partitionKey = target.getKey().isEmpty() && target.getServiceKind() == ServiceKind.SERVICE
                ? ByteBuffer.wrap(digest, 16, 8).getLong()
                : PartitionKeys.of(target.getKey());
        return ByteBuffer.allocate(24).putLong(partitionKey).put(digest, 0, 16).array();
    }

    /** A random seed that stays the same for every attempt of an invocation. */
    static long seedOf(byte[] id) {
        return ByteBuffer.wrap(sha256(id, new byte[] {'s'}), 0, 8).getLong();
    }

    private static byte[] sha256(byte[] a, byte[] b) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(a);
            digest.update(b);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
