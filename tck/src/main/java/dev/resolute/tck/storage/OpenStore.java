package dev.resolute.tck.storage;

import dev.resolute.spi.Component;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.storage.Storage;
import dev.resolute.tck.TestPluginContext;
import java.nio.file.Path;
import java.util.Map;

/** A storage plugin started the way the kernel starts it: create, start, take the provided {@link Storage}; close stops it. */
public final class OpenStore implements AutoCloseable {

    private final Component component;
    private final Storage storage;
    private boolean closed;

    private OpenStore(Component component, Storage storage) {
        this.component = component;
        this.storage = storage;
    }

    /** Starts {@code factory}'s component for a node whose data dir is {@code dataDir}. */
    public static OpenStore open(PluginFactory factory, Path dataDir, Map<String, String> config) {
        TestPluginContext context = new TestPluginContext(factory, dataDir, config);
        Component component = factory.create(context);
        try {
            component.start();
            return new OpenStore(component, context.provided(Storage.class));
        } catch (Exception e) {
            try {
                component.stop(); // the SPI promises stop() after a failed start
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    public Storage storage() {
        return storage;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            component.stop();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
