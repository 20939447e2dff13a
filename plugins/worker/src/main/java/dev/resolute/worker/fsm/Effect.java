package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Frame;
import dev.resolute.worker.engine.pb.OutboxMessage;
import dev.resolute.worker.engine.pb.Outcome;
import java.util.List;

/**
 * What applying a command asks the world to do once the batch holding it is committed. Effects are values: they
 * never feed back into state except as new commands.
 */
public sealed interface Effect {
    /** Run a new attempt of an invocation (its journal is committed). */
    record StartAttempt(byte[] invocationId, long epoch) implements Effect {
    }

    /** Send newly stored notifications (or V7 run acks) to the attempt of this epoch, if it still streams. */
    record Notify(byte[] invocationId, long epoch, List<Frame> frames) implements Effect {
    }

    /** Fire a timer at its wake time (the timer row is committed). */
    record ArmTimer(int partition, byte[] timerKey, long wakeMillis) implements Effect {
    }

    /** Hand an outbox message to the partition that owns its target. */
    record Deliver(int fromPartition, long seq, int toPartition, OutboxMessage message) implements Effect {
    }

    /** Tell the partition that sent an outbox message that it was applied. */
    record AckOutbox(int toPartition, long seq) implements Effect {
    }

    /** An invocation ended: answer the clients waiting for it. */
    record Completed(byte[] invocationId, Outcome outcome) implements Effect {
    }

    /** The partition failed this attempt (a frame it cannot apply): stop it if it still streams. */
    record StopAttempt(byte[] invocationId, long epoch, String reason) implements Effect {
    }

    /** A command was rejected and the rejection recorded: worth a line in the log. */
    record Rejected(int partition, String command, String reason) implements Effect {
    }
}
