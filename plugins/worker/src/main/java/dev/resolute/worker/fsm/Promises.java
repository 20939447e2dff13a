package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.protocol.pb.FailureMetadata;
import dev.resolute.worker.tables.ObjectKey;

/** What the durable-promise commands share: the workflow they belong to, and results in the protocol's terms. */
final class Promises {
    private Promises() {
    }

    /** The workflow whose promise the command names; only a workflow's handlers have promises. */
    static ObjectKey workflowOf(JournalCommand command) {
        var target = command.status().getTarget();
        if (target.getServiceKind() != ServiceKind.WORKFLOW) {
            throw new AttemptFailure(command.message().getClass().getSimpleName() + " is only for workflows, but " + target.getService()
                    + "/" + target.getHandler() + " is not a workflow's handler");
        }
        return ObjectKey.of(command.id(), target);
    }

    static dev.resolute.worker.protocol.pb.Failure failure(Failure failure) {
        var out = dev.resolute.worker.protocol.pb.Failure.newBuilder().setCode(failure.getCode()).setMessage(failure.getMessage());
        failure.getMetadataMap().forEach((k, v) -> out.addMetadata(FailureMetadata.newBuilder().setKey(k).setValue(v)));
        return out.build();
    }

    static boolean isFailure(Outcome completion) {
        return completion.getResultCase() == Outcome.ResultCase.FAILURE;
    }
}
