package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.ManageInvocation;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.tables.Tables;
import java.util.Optional;

/**
 * The invocation an admin operation names, and the answers the admin API gives about it, worded as Restate's
 * ({@code crates/admin/src/rest_api/error.rs}).
 *
 * @param id     the invocation's id bytes
 * @param status its status, empty if there is no such invocation (never was, or purged)
 */
record ManagedInvocation(byte[] id, Optional<InvocationStatus> status) {

    /** Reads the named invocation; refuses an id of the wrong size (the proposer parsed it, so that is a bug). */
    static ManagedInvocation read(Tables tables, ApplyContext ctx, ByteString idBytes) {
        byte[] id = idBytes.toByteArray();
        if (id.length != InvocationId.BYTES) {
            throw new CommandRejectedException("an invocation id has " + InvocationId.BYTES + " bytes, this one " + id.length);
        }
        return new ManagedInvocation(id, tables.status().get(ctx.tx(), id));
    }

    /** Acknowledges a cancel or kill that came from another partition's outbox. */
    static void acknowledge(ApplyContext ctx, ManageInvocation message) {
        if (message.getFromOutbox()) {
            ctx.emit(new Effect.AckOutbox(message.getFromPartition(), message.getOutboxSeq()));
        }
    }

    String text() {
        return InvocationId.fromBytes(id).toString();
    }

    Reply reply(Reply.Code code, String message) {
        return Reply.newBuilder().setCode(code).setMessage(message).setInvocationId(ByteString.copyFrom(id)).build();
    }

    Reply notFound() {
        return reply(Reply.Code.NOT_FOUND, "The requested invocation '" + text() + "' does not exist");
    }

    Reply alreadyCompleted() {
        return reply(Reply.Code.CONFLICT, "The invocation '" + text() + "' was already completed.");
    }

    Reply notStarted(String operation) {
        return reply(Reply.Code.NOT_STARTED, "The invocation '" + text() + "' is either inboxed or scheduled, cannot be " + operation + ".");
    }
}
