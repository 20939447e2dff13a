package dev.resolute.spi.invocation;

/** The engine refused or could not find an invocation; {@code status} is the HTTP status the ingress answers. */
public final class InvocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public InvocationException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
