package dev.resolute.worker;

import static dev.resolute.spi.ConfigKey.of;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigType;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.browse.InvocationBrowser;
import dev.resolute.spi.browse.InvocationChanges;
import dev.resolute.spi.invocation.EngineInfo;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.invocation.Invocations;
import dev.resolute.spi.invocation.ObjectStates;
import dev.resolute.spi.query.IntrospectionTables;
import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.storage.Storage;
import java.util.List;
import java.util.Set;

/**
 * The {@code worker} role: the durable-execution engine (partition processors, invoker, timers).
 * It reads Restate's keys where Restate has them: the invoker in its own section {@code [worker.invoker]},
 * {@code worker.cleanup-interval}, and {@code default-num-partitions}, {@code experimental-enable-protocol-v7},
 * {@code default-retry-policy} and the retention defaults and maximums at the top level, which it declares as reads.
 */
public final class WorkerFactory implements PluginFactory {
    @Override
    public String id() {
        return "worker";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.ENGINE;
    }

    @Override
    public Set<String> roles() {
        return Set.of("worker");
    }

    /** {@code invoker.message-size-limit} is the kernel's, derived from {@code networking.message-size-limit}. */
    @Override
    public List<ConfigKey> configKeys() {
        return concat(List.of(
                of("invoker.inactivity-timeout", ConfigType.DURATION, "1m", "bidi: idle time before the request stream is closed so the SDK suspends"),
                of("invoker.abort-timeout", ConfigType.DURATION, "10m", "how long an attempt may take to end after that before it is aborted"),
                of("invoker.concurrent-invocations-limit", ConfigType.integer(1, 1_000_000), "1000", "attempts running at once on this node"),
                of("invoker.eager-state-size-limit", ConfigType.SIZE, null,
                        "largest state sent with the StartMessage (default: worker.invoker.message-size-limit; 0 = always lazy)")),
                RetentionSettings.WORKER_KEYS);
    }

    @Override
    public List<ConfigKey> configReads() {
        return concat(List.of(
                of("default-num-partitions", ConfigType.integer(1, 4096), "24", "partitions of the engine (fixed once data exists)"),
                of("experimental-enable-protocol-v7", ConfigType.BOOLEAN, "true", "negotiate service protocol V7 (false caps at V6)"),
                of("default-retry-policy.initial-interval", ConfigType.DURATION, "500ms", "first retry delay"),
                of("default-retry-policy.exponentiation-factor", ConfigType.DECIMAL, "2.0", "growth of the retry delay"),
                of("default-retry-policy.max-attempts", ConfigType.integer(1, Integer.MAX_VALUE), "70", "attempts before on-max-attempts applies"),
                of("default-retry-policy.max-interval", ConfigType.DURATION, "1m", "largest retry delay"),
                of("default-retry-policy.on-max-attempts", ConfigType.oneOf("pause", "kill"), "pause", "what happens when attempts run out")),
                RetentionSettings.ROOT_KEYS);
    }

    private static List<ConfigKey> concat(List<ConfigKey> a, List<ConfigKey> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(Storage.class, Schemas.class, RequestIdentity.class);
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(Invocations.class, EngineInfo.class, ObjectStates.class, InvocationControl.class, IntrospectionTables.class,
                InvocationBrowser.class, InvocationChanges.class);
    }

    @Override
    public Component create(PluginContext context) {
        return new Worker(context);
    }
}
