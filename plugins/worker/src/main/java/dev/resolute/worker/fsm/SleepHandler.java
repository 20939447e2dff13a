package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.Timer;
import dev.resolute.worker.protocol.pb.SleepCommandMessage;
import dev.resolute.worker.tables.TimersTable;

/** Sleep: a timer that stores the sleep's completion when it fires. */
final class SleepHandler implements JournalCommandHandler {
    private final TimerArming timers;

    SleepHandler(TimerArming timers) {
        this.timers = timers;
    }

    @Override
    public void apply(JournalCommand command) {
        SleepCommandMessage sleep = command.message(SleepCommandMessage.class);
        timers.arm(command.ctx(), sleep.getWakeUpTime(), command.id(), TimersTable.Kind.SLEEP, sleep.getResultCompletionId(),
                Timer.newBuilder().setInvocationId(ByteString.copyFrom(command.id())).setSleepCompletionId(sleep.getResultCompletionId()).build());
    }
}
