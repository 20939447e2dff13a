package dev.resolute.spi.invocation;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Writes to the state of virtual objects and workflows from outside their handlers: what the admin API's
 * {@code POST /services/{name}/state} does. Provided by the worker ({@code context.provide(ObjectStates.class, ...)});
 * a node without the worker role has none, so a consumer looks it up with {@link dev.resolute.spi.PluginContext#find}
 * and answers without it (the admin API with 503).
 */
public interface ObjectStates {

    /**
     * Replaces the whole state of one object, in order with the invocations waiting for its lock: it applies once the
     * exclusive invocations that arrived before it have run, and before those that arrive after it. The caller has
     * checked that the service exists and is keyed; an implementation must not look the service up again.
     *
     * @param service  the virtual object or workflow
     * @param key      the object key or workflow id
     * @param newState every state entry the object has afterwards: state key (UTF-8) to value bytes
     * @param version  the version (restate-protocol.md §4.5) of the state the caller based the change on; when
     *                 present and the state's version differs as the replacement applies, nothing changes (a
     *                 replacement applies asynchronously, so the caller is not told; the engine logs it)
     * @return completes once the replacement is durably queued; fails with {@link InvocationException} of kind
     *     {@code UNAVAILABLE} if it cannot be stored. Never null.
     */
    CompletableFuture<Void> replaceState(String service, String key, Map<String, byte[]> newState, Optional<String> version);
}
