package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.GetLazyStateCommandMessage;
import dev.resolute.worker.protocol.pb.GetLazyStateCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.protocol.pb.Void;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.Tables;
import java.util.Optional;

/** GetLazyState: the state value (or void) as a completion. */
final class GetLazyStateHandler implements JournalCommandHandler {
    private final Tables tables;
    private final Journal journal;

    GetLazyStateHandler(Tables tables, Journal journal) {
        this.tables = tables;
        this.journal = journal;
    }

    @Override
    public void apply(JournalCommand command) {
        GetLazyStateCommandMessage get = command.message(GetLazyStateCommandMessage.class);
        Optional<byte[]> value = tables.state().get(command.ctx().tx(), ObjectKey.of(command.id(), command.status().getTarget()),
                get.getKey().toByteArray());
        GetLazyStateCompletionNotificationMessage.Builder n = GetLazyStateCompletionNotificationMessage.newBuilder()
                .setCompletionId(get.getResultCompletionId());
        value.ifPresentOrElse(v -> n.setValue(Value.newBuilder().setContent(ByteString.copyFrom(v))), () -> n.setVoid(Void.getDefaultInstance()));
        journal.notifyCompletion(command.ctx(), command.id(), command.status(), MessageType.GET_LAZY_STATE_COMPLETION.id(), n.build(),
                get.getResultCompletionId());
    }
}
