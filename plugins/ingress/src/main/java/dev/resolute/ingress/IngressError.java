package dev.resolute.ingress;

/** A request the ingress refuses, with the HTTP status Restate answers for it (reference §3.5). */
final class IngressError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    IngressError(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * Why a request body could not be read: over the limit (Jetty's bounded read fails with an
     * {@link IllegalStateException}) is 413; anything else (the client closed early, bad chunking) is the
     * client's fault too, so 400, never 500.
     */
    static IngressError unreadableBody(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof IngressError known) {
            return known;
        }
        if (cause instanceof IllegalStateException) {
            return new IngressError(413, "the request body is over ingress.request-size-limit");
        }
        return new IngressError(400, "cannot read the request body: " + cause.getMessage());
    }
}
