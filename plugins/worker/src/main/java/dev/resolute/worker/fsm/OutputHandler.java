package dev.resolute.worker.fsm;

import dev.resolute.worker.engine.pb.Failure;
import dev.resolute.worker.engine.pb.Outcome;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;

/** Output: the invocation's outcome, final once the attempt ends. */
final class OutputHandler implements JournalCommandHandler {

    @Override
    public void apply(JournalCommand command) {
        OutputCommandMessage output = command.message(OutputCommandMessage.class);
        command.status().setOutcome(output.hasFailure()
                ? Outcome.newBuilder().setFailure(failure(output.getFailure())).build()
                : Outcome.newBuilder().setValue(output.getValue().getContent()).build());
    }

    private static Failure failure(dev.resolute.worker.protocol.pb.Failure failure) {
        Failure.Builder out = Failure.newBuilder().setCode(failure.getCode()).setMessage(failure.getMessage());
        failure.getMetadataList().forEach(m -> out.putMetadata(m.getKey(), m.getValue()));
        return out.build();
    }
}
