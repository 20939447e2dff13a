package dev.resolute.worker.fsm;

/**
 * A frame of an attempt that the partition cannot apply (it does not parse, or its command is not supported): the
 * frame is not journaled and the attempt fails with this message as its recorded reason.
 */
final class AttemptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AttemptFailure(String message) {
        super(message, null, false, false); // an outcome, not a defect: no stack trace to fill
    }
}
