package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;

/** ModifyState: the admin API replaces an object's state, in order with the object's inbox. */
final class ModifyStateHandler implements CommandHandler {
    private final StateReplacements replacements;

    ModifyStateHandler(StateReplacements replacements) {
        this.replacements = replacements;
    }

    @Override
    public void apply(Command command, ApplyContext ctx) {
        replacements.request(ctx, command.getModifyState());
    }
}
