package dev.resolute.worker.fsm;

/**
 * Commands the journal only has to keep: Run (its result arrives as a proposal) and the eager-state reads (the SDK
 * answered them from the state the StartMessage carried).
 */
final class JournalOnlyHandler implements JournalCommandHandler {

    @Override
    public void apply(JournalCommand command) {
        // journaled by the dispatcher; nothing else to do
    }
}
