package dev.resolute.ingress;

/** A request the ingress refuses, with the HTTP status Restate answers for it (reference §3.5). */
final class IngressError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    IngressError(int status, String message) {
        super(message);
        this.status = status;
    }
}
