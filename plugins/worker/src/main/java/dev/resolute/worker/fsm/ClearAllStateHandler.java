package dev.resolute.worker.fsm;

import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;

/** ClearAllState: deletes every state entry of the invocation's object. */
final class ClearAllStateHandler implements JournalCommandHandler {
    private final Tables tables;

    ClearAllStateHandler(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void apply(JournalCommand command) {
        tables.state().clear(command.ctx().tx(), ObjectKey.of(command.id(), command.status().getTarget()));
    }
}
