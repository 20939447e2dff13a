package dev.resolute.worker.fsm;

import dev.resolute.worker.protocol.pb.ClearStateCommandMessage;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;

/** ClearState: deletes one state entry of the invocation's object. */
final class ClearStateHandler implements JournalCommandHandler {
    private final Tables tables;

    ClearStateHandler(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void apply(JournalCommand command) {
        ClearStateCommandMessage clear = command.message(ClearStateCommandMessage.class);
        tables.state().delete(command.ctx().tx(), ObjectKey.of(command.id(), command.status().getTarget()), clear.getKey().toByteArray());
    }
}
