package dev.resolute.worker.fsm;

/** Where {@link PartitionStateMachine#apply} reports effects, to be run after the batch is committed. */
@FunctionalInterface
public interface EffectSink {
    void accept(Effect effect);
}
