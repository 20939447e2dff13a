package dev.resolute.worker.fsm;

import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;

/** SetState: writes one state entry of the invocation's object (the invoker checked that the handler may). */
final class SetStateHandler implements JournalCommandHandler {
    private final Tables tables;

    SetStateHandler(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void apply(JournalCommand command) {
        SetStateCommandMessage set = command.message(SetStateCommandMessage.class);
        tables.state().put(command.ctx().tx(), ObjectKey.of(command.id(), command.status().getTarget()), set.getKey().toByteArray(),
                set.getValue().getContent().toByteArray());
    }
}
