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
     * after the commit), never before the commit is durable. Calls come from one engine thread per partition: the
     * listener must return quickly (hand the changes to its own queue) and must not throw. Without listeners the
     * engine does no work for this.
     *
     * @return closing it stops the calls
     */
    AutoCloseable watch(Consumer<List<InvocationChange>> listener);
}
