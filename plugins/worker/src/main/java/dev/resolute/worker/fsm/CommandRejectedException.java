package dev.resolute.worker.fsm;

/** A command the partition cannot apply at all: nothing of it is kept but the recorded rejection. */
final class CommandRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandRejectedException(String message) {
        super(message, null, false, false);
    }
}
