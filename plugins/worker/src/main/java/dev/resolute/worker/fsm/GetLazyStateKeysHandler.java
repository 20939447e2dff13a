package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.GetLazyStateKeysCommandMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateKeysCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.StateKeys;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;

/** GetLazyStateKeys: the object's state keys as a completion. */
final class GetLazyStateKeysHandler implements JournalCommandHandler {
    private final Tables tables;
    private final Journal journal;

    GetLazyStateKeysHandler(Tables tables, Journal journal) {
        this.tables = tables;
        this.journal = journal;
    }

    @Override
    public void apply(JournalCommand command) {
        GetLazyStateKeysCommandMessage get = command.message(GetLazyStateKeysCommandMessage.class);
        StateKeys.Builder keys = StateKeys.newBuilder();
        for (byte[] key : tables.state().keys(command.ctx().tx(), ObjectKey.of(command.id(), command.status().getTarget()))) {
            keys.addKeys(ByteString.copyFrom(key));
        }
        journal.notifyCompletion(command.ctx(), command.id(), command.status(), MessageType.GET_LAZY_STATE_KEYS_COMPLETION.id(),
                GetLazyStateKeysCompletionNotificationMessage.newBuilder().setCompletionId(get.getResultCompletionId())
                        .setStateKeys(keys).build(), get.getResultCompletionId());
    }
}
