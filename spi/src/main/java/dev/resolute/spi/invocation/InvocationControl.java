package dev.resolute.spi.invocation;

import java.util.concurrent.CompletableFuture;

/**
 * Manages existing invocations for the admin API ({@code /invocations/{id}/cancel}, {@code /kill}, ...): provided by
 * the worker ({@code context.provide(InvocationControl.class, ...)}); a node without the worker role has none, so the
 * admin endpoint looks it up with {@link dev.resolute.spi.PluginContext#find} and answers 503 without it.
 *
 * <p>Every method takes the invocation id as the client wrote it ({@code inv_…}). Implementations decide what an
 * operation does from the state the invocation is in when the operation is applied — never from a read made before —
 * and answer with a {@link ControlResult} saying what happened; an id that does not parse is a result of kind
 * {@link ControlResult.Kind#INVALID} saying what is wrong with it. The futures never complete on a thread that applies
 * commands, and fail only with an {@link InvocationException} of kind {@code UNAVAILABLE} (storage failed, the partition
 * stopped, the node is stopping). Nothing blocks.
 */
public interface InvocationControl {

    /**
     * Cancels the invocation: one not started yet (inboxed or scheduled) ends at once with failure 409 "canceled"
     * ({@code DONE}); a started one gets the cancel signal, which its SDK turns into its end ({@code ACCEPTED}); the
     * callees it still waits for are cancelled too. {@code CONFLICT} if it completed already.
     */
    CompletableFuture<ControlResult> cancel(String invocationId);

    /**
     * Kills the invocation: it ends at once with failure 409 "killed" without its SDK, its running attempt stopped, its
     * object's lock passed on, and the callees it still waits for killed too ({@code DONE}). {@code CONFLICT} if it
     * completed already.
     */
    CompletableFuture<ControlResult> kill(String invocationId);

    /**
     * Pauses a running or backing-off invocation until {@link #resume}: {@code ACCEPTED} when it pauses, {@code DONE} if
     * it was paused or is suspended (it stays so), {@code CONFLICT} if it is not running (inboxed, scheduled or
     * completed).
     */
    CompletableFuture<ControlResult> pause(String invocationId);

    /**
     * Runs a paused, suspended or backing-off invocation again now ({@code DONE}; a running one is left as it is).
     *
     * @param deployment {@code "keep"} (the pinned deployment), {@code "latest"} (the latest deployment of its service)
     *                   or a deployment id ({@code dp_…}); one that does not exist is {@code INVALID}
     */
    CompletableFuture<ControlResult> resume(String invocationId, String deployment);

    /**
     * Starts a completed invocation again as a new invocation with the same input ({@code DONE}, with
     * {@link ControlResult#newInvocationId()}), its journal copied up to the entry {@code from} (included) with the
     * results of the commands copied, so the new invocation replays them. {@code CONFLICT} while it runs,
     * {@code NOT_STARTED} if inboxed or scheduled, {@code GONE} if its journal (and so its input) is not retained,
     * {@code INVALID} if {@code from} is past the journal or a copied command's result is missing, {@code UNSUPPORTED}
     * for a workflow.
     *
     * @param from       the last journal entry to copy; 0 copies the input only
     * @param deployment as for {@link #resume}
     */
    CompletableFuture<ControlResult> restartAsNew(String invocationId, int from, String deployment);

    /**
     * Forgets a completed invocation: its status, result, journal and whatever else it owns ({@code DONE}).
     * {@code CONFLICT} if it has not completed.
     */
    CompletableFuture<ControlResult> purge(String invocationId);

    /** Deletes the journal of a completed invocation and keeps its result ({@code DONE}); {@code CONFLICT} if it has not completed. */
    CompletableFuture<ControlResult> purgeJournal(String invocationId);
}
