package dev.resolute.worker.log;

import dev.resolute.worker.engine.pb.Reply;
import java.util.Objects;

/**
 * A command applied and durable: its index in the partition's log and what applying it answered.
 *
 * @param index the command's log index
 * @param reply the state machine's answer to the proposer
 */
public record Applied(long index, Reply reply) {
    public Applied {
        Objects.requireNonNull(reply, "reply");
    }
}
