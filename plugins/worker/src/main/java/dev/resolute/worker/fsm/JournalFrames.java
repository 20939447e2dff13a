package dev.resolute.worker.fsm;

import com.google.protobuf.Message;
import dev.resolute.spi.storage.StorageException;
import dev.resolute.worker.engine.pb.AttemptFailed;
import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.ProtocolException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the frames an attempt sends, each through the handler registered for its message type. A frame without a
 * handler, or one its handler cannot accept, fails the attempt by name as a recorded outcome: it is not journaled,
 * the reason becomes the invocation's last failure, the retry policy decides what follows, and the attempt is told
 * to stop.
 */
final class JournalFrames {
    private final Map<MessageType, JournalCommandHandler> handlers;
    private final Journal journal;
    private final Retries retries;

    JournalFrames(Map<MessageType, JournalCommandHandler> handlers, Journal journal, Retries retries) {
        this.handlers = handlers;
        this.journal = journal;
        this.retries = retries;
    }

    /**
     * Applies {@code frames} in order to {@code status}.
     *
     * @return false if a frame failed the attempt; its status is stored then, and the remaining frames are dropped
     */
    boolean apply(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, List<Frame> frames, double jitter) {
        for (Frame frame : frames) {
            ApplyContext.Mark mark = ctx.mark();
            InvocationStatus before = status.build();
            try {
                applyOne(ctx, id, status, frame);
            } catch (StorageException e) {
                throw e;
            } catch (RuntimeException e) { // AttemptFailure, or a key or value the store refuses
                ctx.rollback(mark);
                status.clear().mergeFrom(before);
                String reason = e instanceof AttemptFailure ? e.getMessage() : e.toString();
                retries.fail(ctx, id, status, AttemptFailed.newBuilder().setMessage(reason).build(), jitter);
                ctx.emit(new Effect.StopAttempt(id, before.getEpoch(), reason));
                return false;
            }
        }
        return true;
    }

    private void applyOne(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, Frame frame) {
        if (MessageType.isCustom(frame.getType())) { // SDK extensions: stored and replayed unread
            journaled(ctx, id, status, frame);
            return;
        }
        Optional<MessageType> type = MessageType.of(frame.getType());
        JournalCommandHandler handler = type.map(handlers::get).orElse(null);
        if (handler == null) {
            throw new AttemptFailure(type.map(t -> t.messageClass().getSimpleName()).orElse("message type " + MessageType.hex(frame.getType()))
                    + " is not a message an SDK may send here");
        }
        Message message = parse(type.get(), frame);
        int index = handler.journaled() ? journaled(ctx, id, status, frame) : -1;
        handler.apply(new JournalCommand(ctx, id, status, frame, message, index));
    }

    private int journaled(ApplyContext ctx, byte[] id, InvocationStatus.Builder status, Frame frame) {
        int index = journal.append(ctx, id, status, frame.getType(), frame.getPayload());
        status.setCommandCount(status.getCommandCount() + 1).setRetryCount(0);
        return index;
    }

    private static Message parse(MessageType type, Frame frame) {
        try {
            return type.parse(frame.getPayload().toByteArray());
        } catch (ProtocolException e) {
            throw new AttemptFailure(e.getMessage());
        }
    }
}
