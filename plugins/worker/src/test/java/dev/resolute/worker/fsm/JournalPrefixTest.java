package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.MessageLite;
import dev.resolute.worker.engine.pb.JournalEntry;
import dev.resolute.worker.protocol.MessageType;
import dev.resolute.worker.protocol.pb.CallCommandMessage;
import dev.resolute.worker.protocol.pb.CallCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.CallInvocationIdCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.InputCommandMessage;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.RunCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.SignalNotificationMessage;
import dev.resolute.worker.protocol.pb.SleepCommandMessage;
import dev.resolute.worker.protocol.pb.SleepCompletionNotificationMessage;
import dev.resolute.worker.tables.NotificationId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which entries a restart-as-new copies, as Restate's: the prefix, then the later completions of the commands in it. */
class JournalPrefixTest {
    private static final List<JournalEntry> JOURNAL = List.of(
            entry(MessageType.INPUT_COMMAND, InputCommandMessage.getDefaultInstance()),                                  // 0
            entry(MessageType.RUN_COMMAND, RunCommandMessage.newBuilder().setResultCompletionId(1).build()),               // 1
            entry(MessageType.SLEEP_COMMAND, SleepCommandMessage.newBuilder().setResultCompletionId(2).build()),           // 2
            entry(MessageType.RUN_COMPLETION, RunCompletionNotificationMessage.newBuilder().setCompletionId(1).build()),   // 3
            entry(MessageType.SIGNAL_NOTIFICATION, SignalNotificationMessage.newBuilder().setIdx(17).build()),             // 4
            entry(MessageType.CALL_COMMAND, CallCommandMessage.newBuilder().setInvocationIdNotificationIdx(3).setResultCompletionId(4).build()), // 5
            entry(MessageType.CALL_INVOCATION_ID_COMPLETION, CallInvocationIdCompletionNotificationMessage.newBuilder().setCompletionId(3).build()), // 6
            entry(MessageType.SLEEP_COMPLETION, SleepCompletionNotificationMessage.newBuilder().setCompletionId(2).build()), // 7
            entry(MessageType.CALL_COMPLETION, CallCompletionNotificationMessage.newBuilder().setCompletionId(4).build()),  // 8
            entry(MessageType.OUTPUT_COMMAND, OutputCommandMessage.getDefaultInstance()));                                // 9

    @Test
    void fromTheInputCopiesTheInputOnly() {
        JournalPrefix prefix = JournalPrefix.of(JOURNAL, 0).orElseThrow();
        assertThat(prefix.entries()).containsExactly(JOURNAL.get(0));
        assertThat(prefix.commands()).isEqualTo(1);
    }

    @Test
    void theCompletionsOfCopiedCommandsFollowThePrefixInJournalOrder() {
        JournalPrefix prefix = JournalPrefix.of(JOURNAL, 2).orElseThrow();
        assertThat(prefix.entries()).containsExactly(JOURNAL.get(0), JOURNAL.get(1), JOURNAL.get(2), JOURNAL.get(3), JOURNAL.get(7));
        assertThat(prefix.notifications()).containsExactly(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new NotificationId.Completion(1)), Optional.of(new NotificationId.Completion(2)));
        assertThat(prefix.commands()).isEqualTo(3);

        JournalPrefix withCall = JournalPrefix.of(JOURNAL, 5).orElseThrow();
        assertThat(withCall.entries()).containsExactlyElementsOf(JOURNAL.subList(0, 9));
        assertThat(withCall.notifications().get(4)).contains(new NotificationId.Signal(17));
        assertThat(withCall.commands()).isEqualTo(4);
    }

    @Test
    void aCopiedCommandWhoseResultNeverArrivedRefusesTheCopy() {
        List<JournalEntry> unfinished = JOURNAL.subList(0, 8); // the call's result never came
        assertThat(JournalPrefix.of(unfinished, 5)).isEmpty();
        assertThat(JournalPrefix.of(unfinished, 4)).isPresent();
    }

    private static JournalEntry entry(MessageType type, MessageLite message) {
        return JournalEntry.newBuilder().setType(type.id()).setPayload(message.toByteString()).build();
    }
}
