package dev.resolute.spi.browse;

import java.util.List;
import java.util.function.Consumer;

/**
 * The stream of changes the engine commits, for a user interface that shows them live (server push, not polling).
 * Provided by the worker; an endpoint declares it in {@code uses()}.
 */
public interface InvocationChanges {

    /**
     * Calls {@code listener} after every commit that changed invocations, with one change per invocation (its state
     * after the commit), never before the commit is durable, and after an attempt of an invocation starts or ends
     * (its {@code running} status depends on that). Calls come from the engine's threads, several at once (one per
     * partition, and the attempts'): the listener must be thread-safe, return quickly (hand the changes to its own
     * queue) and must not throw. Without listeners the engine does no work for this.
     *
     * @return closing it stops the calls
     */
    AutoCloseable watch(Consumer<List<InvocationChange>> listener);
}
