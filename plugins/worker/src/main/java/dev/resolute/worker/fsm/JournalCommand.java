package dev.resolute.worker.fsm;

import com.google.protobuf.Message;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.engine.pb.Invoke;

/**
 * One frame of an attempt being applied.
 *
 * @param ctx     the command it arrived in
 * @param id      the invocation's id
 * @param status  the invocation's status, updated in place and stored once the frames are applied
 * @param frame   the frame as the invoker proposed it
 * @param message its payload, parsed as the message of its type
 * @param index   its journal index if it was journaled as a command, else -1
 */
record JournalCommand(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, Frame frame, Message message, int index) {

    <M extends Message> M message(Class<M> type) {
        return type.cast(message);
    }

    /** The callee of a call or send, as the invoker resolved it against the schema before proposing the frame. */
    Invoke resolvedCallee() {
        if (!frame.hasResolved()) {
            throw new AttemptFailure(message.getClass().getSimpleName() + " arrived without its callee resolved by the invoker");
        }
        return frame.getResolved();
    }
}
