package dev.resolute.worker.log;

/** A partition no longer applies commands: it was stopped, or its storage failed. */
public final class PartitionStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PartitionStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
