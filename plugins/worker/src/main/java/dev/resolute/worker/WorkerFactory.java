package dev.resolute.worker;

import dev.resolute.spi.Component;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.storage.Storage;
import java.util.Set;

/**
 * The {@code worker} role: the durable-execution engine (partition processors, invoker, timers).
 * So far it only claims its place in the lifecycle — after storage, before the endpoints — and
 * checks that storage is there; the engine itself is the next issue's work.
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
    public Set<Class<?>> requires() {
        return Set.of(Storage.class);
    }

    @Override
    public Component create(PluginContext context) {
        return new Component() {
            @Override
            public void start() {
                org.slf4j.LoggerFactory.getLogger(WorkerFactory.class).info("worker role on {} storage", context.require(Storage.class).engine());
            }

            @Override
            public void stop() {
                // nothing acquired yet
            }
        };
    }
}
