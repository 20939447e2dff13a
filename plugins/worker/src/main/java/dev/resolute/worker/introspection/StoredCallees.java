package dev.resolute.worker.introspection;

import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage;
import dev.resolute.worker.tables.NotificationId;
import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tables;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Optional;

/**
 * A caller's callees as the store knows them: the id from the call's invocation-id notification in the caller's
 * journal (found through the notifications index, so a long journal is not read), the target and retention from the
 * callee's status. Read only when a call's entry is shown; a callee whose status is gone (purged) is unknown.
 */
final class StoredCallees implements CallRequestJson.Callees {
    private final Tables tables;
    private final Reads reads;
    private final byte[] caller;

    StoredCallees(Tables tables, Reads reads, byte[] caller) {
        this.tables = tables;
        this.reads = reads;
        this.caller = caller;
    }

    @Override
    public Optional<CallRequestJson.Callee> byNotification(int invocationIdCompletionId) {
        return calleeId(invocationIdCompletionId).flatMap(id -> tables.status().get(reads, InvocationId.parse(id).toBytes())
                .map(status -> callee(id, status)));
    }

    /** The callee's id from the call's invocation-id notification, found through the notifications index. */
    private Optional<String> calleeId(int completionId) {
        return tables.notifications().index(reads, caller, new NotificationId.Completion(completionId))
                .flatMap(index -> tables.journal().get(reads, caller, index))
                .filter(entry -> entry.getType() == MessageType.CALL_INVOCATION_ID_COMPLETION.id())
                .flatMap(entry -> {
                    try {
                        return Optional.of(CallInvocationIdCompletionNotificationMessage.parseFrom(entry.getPayload()).getInvocationId());
                    } catch (InvalidProtocolBufferException e) {
                        return Optional.empty(); // stored by the engine itself; an unreadable one names no callee
                    }
                });
    }

    private static CallRequestJson.Callee callee(String id, InvocationStatus status) {
        return new CallRequestJson.Callee(id, status.getTarget(), status.getCompletionRetentionMs(), status.getJournalRetentionMs());
    }
}
