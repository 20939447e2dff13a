package dev.resolute.worker.log;

import dev.resolute.worker.engine.pb.Command;
import java.util.List;

/**
 * What a {@link CommandLog} drives for one partition: applies committed log entries, in order, to
 * the partition's durable state.
 */
public interface LogApplier {

    /** The index of the last entry whose application is durable (0 before the first); read when the log starts. */
    long appliedIndex();

    /**
     * Applies the entries {@code firstIndex, firstIndex + 1, …} in order and makes their effect on
     * state durable in one step, together with the new applied index.
     *
     * @return each entry's reply, in order, and what to carry out once the entries' proposers have been told (the effects)
     * @throws RuntimeException when the partition cannot go on (its storage failed): nothing of the
     *     batch is durable and the log stops the partition
     */
    AppliedBatch apply(long firstIndex, List<Command> commands);
}
