package dev.resolute.worker.fsm;

/**
 * Applies one type of journal frame. A handler reads and writes only through the tables and the helpers, and signals
 * input it cannot accept by throwing {@link AttemptFailure}, which fails the attempt without journaling the frame.
 */
interface JournalCommandHandler {

    /** Whether the frame is appended to the journal as a command before {@link #apply} (run proposals are not). */
    default boolean journaled() {
        return true;
    }

    void apply(JournalCommand command);
}
