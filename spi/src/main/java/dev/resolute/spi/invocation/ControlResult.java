package dev.resolute.spi.invocation;

import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link InvocationControl} operation did, or why it did nothing.
 *
 * @param kind            what happened
 * @param message         why, worded for the client (empty when it was done or accepted)
 * @param newInvocationId the invocation a restart-as-new started, empty otherwise
 */
public record ControlResult(Kind kind, String message, Optional<String> newInvocationId) {

    /** What happened, independent of any protocol; the admin API maps each to its status. */
    public enum Kind {
        /** Done (HTTP 200). */
        DONE,
        /** Under way: the cancel signal appended, a running attempt asked to pause (202). */
        ACCEPTED,
        /** The id does not parse, or the deployment asked for does not exist (400). */
        INVALID,
        /** No such invocation (404). */
        NOT_FOUND,
        /** Not possible in the state it is in: completed, or still running (409). */
        CONFLICT,
        /** What it needs is no longer stored: the journal of an invocation to restart (410). */
        GONE,
        /** Not possible for this kind of invocation: restarting a workflow (422). */
        UNSUPPORTED,
        /** Not possible before it runs: it is inboxed or scheduled (425, resume and restart-as-new). */
        NOT_STARTED
    }

    public ControlResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(newInvocationId, "newInvocationId");
    }

    public static ControlResult of(Kind kind, String message) {
        return new ControlResult(kind, message, Optional.empty());
    }
}
