package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.Signal;
import dev.resolute.worker.protocol.pb.FailureMetadata;
import dev.resolute.worker.protocol.pb.SignalNotificationMessage;
import dev.resolute.worker.protocol.pb.Value;
import dev.resolute.worker.protocol.pb.Void;

/** Signals between the service protocol's messages and the engine's {@link Signal} record. */
final class Signals {
    private Signals() {
    }

    static Failure failure(dev.resolute.worker.protocol.pb.Failure failure) {
        Failure.Builder out = Failure.newBuilder().setCode(failure.getCode()).setMessage(failure.getMessage());
        failure.getMetadataList().forEach(m -> out.putMetadata(m.getKey(), m.getValue()));
        return out.build();
    }

    /** The SignalNotification the target's journal stores for {@code signal}. */
    static SignalNotificationMessage notification(Signal signal) {
        SignalNotificationMessage.Builder n = SignalNotificationMessage.newBuilder();
        if (signal.getIdCase() == Signal.IdCase.NAME) {
            n.setName(signal.getName());
        } else {
            n.setIdx(signal.getIndex());
        }
        switch (signal.getResultCase()) {
            case VALUE -> n.setValue(Value.newBuilder().setContent(signal.getValue()));
            case FAILURE -> {
                dev.resolute.worker.protocol.pb.Failure.Builder f = dev.resolute.worker.protocol.pb.Failure.newBuilder()
                        .setCode(signal.getFailure().getCode()).setMessage(signal.getFailure().getMessage());
                signal.getFailure().getMetadataMap().forEach((k, v) -> f.addMetadata(FailureMetadata.newBuilder().setKey(k).setValue(v)));
                n.setFailure(f);
            }
            case VOID, RESULT_NOT_SET -> n.setVoid(Void.getDefaultInstance());
        }
        return n.build();
    }
}
