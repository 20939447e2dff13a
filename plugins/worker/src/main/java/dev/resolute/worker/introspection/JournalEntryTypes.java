package dev.resolute.worker.introspection;

import dev.resolute.worker.protocol.MessageType;
import java.util.Optional;

/** Names of journal entry types as Restate's V2 journal shows them in {@code sys_journal.entry_type}. */
final class JournalEntryTypes {
    private JournalEntryTypes() {
    }

    /** {@code Command: Run}, {@code Notification: CallInvocationId}, …; {@code Custom: 0xFC01} for an SDK's own types. */
    static String name(int type) {
        Optional<MessageType> known = MessageType.of(type);
        if (known.isEmpty()) {
            return "Custom: " + MessageType.hex(type);
        }
        return switch (known.get()) {
            case INPUT_COMMAND -> "Command: Input";
            case OUTPUT_COMMAND -> "Command: Output";
            case GET_LAZY_STATE_COMMAND -> "Command: GetLazyState";
            case SET_STATE_COMMAND -> "Command: SetState";
            case CLEAR_STATE_COMMAND -> "Command: ClearState";
            case CLEAR_ALL_STATE_COMMAND -> "Command: ClearAllState";
            case GET_LAZY_STATE_KEYS_COMMAND -> "Command: GetLazyStateKeys";
            case GET_EAGER_STATE_COMMAND -> "Command: GetEagerState";
            case GET_EAGER_STATE_KEYS_COMMAND -> "Command: GetEagerStateKeys";
            case GET_PROMISE_COMMAND -> "Command: GetPromise";
            case PEEK_PROMISE_COMMAND -> "Command: PeekPromise";
            case COMPLETE_PROMISE_COMMAND -> "Command: CompletePromise";
            case SLEEP_COMMAND -> "Command: Sleep";
            case CALL_COMMAND -> "Command: Call";
            case ONE_WAY_CALL_COMMAND -> "Command: OneWayCall";
            case SEND_SIGNAL_COMMAND -> "Command: SendSignal";
            case RUN_COMMAND -> "Command: Run";
            case ATTACH_INVOCATION_COMMAND -> "Command: AttachInvocation";
            case GET_INVOCATION_OUTPUT_COMMAND -> "Command: GetInvocationOutput";
            case COMPLETE_AWAKEABLE_COMMAND -> "Command: CompleteAwakeable";
            case GET_LAZY_STATE_COMPLETION -> "Notification: GetLazyState";
            case GET_LAZY_STATE_KEYS_COMPLETION -> "Notification: GetLazyStateKeys";
            case GET_PROMISE_COMPLETION -> "Notification: GetPromise";
            case PEEK_PROMISE_COMPLETION -> "Notification: PeekPromise";
            case COMPLETE_PROMISE_COMPLETION -> "Notification: CompletePromise";
            case SLEEP_COMPLETION -> "Notification: Sleep";
            case CALL_COMPLETION -> "Notification: Call";
            case CALL_INVOCATION_ID_COMPLETION -> "Notification: CallInvocationId";
            case RUN_COMPLETION -> "Notification: Run";
            case ATTACH_INVOCATION_COMPLETION -> "Notification: AttachInvocation";
            case GET_INVOCATION_OUTPUT_COMPLETION -> "Notification: GetInvocationOutput";
            case SIGNAL_NOTIFICATION -> "Notification: Signal";
            default -> known.get().name(); // control frames are never journaled
        };
    }
}
