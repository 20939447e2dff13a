package dev.resolute.spi.invocation;

import dev.resolute.spi.schema.InvocationOptions;
import java.util.List;

/**
 * What the durable-execution engine running on this node applies, for endpoints that show it (the
 * admin API prints a service's effective timeouts and retry policy). Provided by the worker
 * ({@code context.provide(EngineInfo.class, ...)}) when it starts; a node without the worker role has
 * none, so a consumer looks it up with {@link dev.resolute.spi.PluginContext#find} and must still work
 * without it.
 *
 * <p>Implementations must answer from memory without blocking; {@link #defaults()} stays the same for as long as
 * the engine runs (its configuration does not change while it runs).
 */
public interface EngineInfo {

    /**
     * What the engine applies where a service or handler sets nothing: its configured inactivity and
     * abort timeouts and default retry policy. A field left empty means the engine applies Restate's
     * default for it. Never null.
     */
    InvocationOptions defaults();

    /** The partitions the engine runs on this node, by id, with their applied index as of now; none by default. */
    default List<PartitionStatus> partitions() {
        return List.of();
    }
}
