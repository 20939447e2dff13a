package dev.resolute.worker.ids;

/** Text that is not a valid id of its kind; {@link #reason()} says what is wrong with it without quoting it. */
public final class InvalidIdException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    InvalidIdException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** What is wrong, e.g. {@code it must encode 28 bytes, not 27}. */
    public String reason() {
        return reason;
    }
}
