package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Command;

/**
 * Applies one kind of engine command. A handler reads and writes only through the tables and the helpers; input it
 * cannot accept it reports by throwing {@link CommandRejectedException} (or records itself, where part of the
 * command must stay applied).
 */
interface CommandHandler {
    void apply(Command command, ApplyContext ctx);
}
