package dev.resolute.ui;

/** A request the API refuses, with the status and the message its JSON error body carries. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiException badParameter(String name, String problem) {
        return new ApiException(400, "Bad parameter '" + name + "': " + problem);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    int status() {
        return status;
    }
}
