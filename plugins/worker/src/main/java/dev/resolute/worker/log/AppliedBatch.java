package dev.resolute.worker.log;

import dev.resolute.worker.engine.pb.Reply;
import java.util.List;

/**
 * What a {@link LogApplier} made of a batch: one reply per command, in order, and the effects to carry out once the
 * proposers have been told.
 */
public record AppliedBatch(List<Reply> replies, Runnable effects) {
    public AppliedBatch {
        replies = List.copyOf(replies);
    }
}
