package dev.resolute.kernel;

import dev.resolute.spi.ByteSizes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code networking.message-size-limit} is the default of the component limits and caps them,
 * so no component accepts a message the network layer would refuse.
 */
final class SizeLimits {
    static final String GLOBAL = "networking.message-size-limit";
    static final List<String> COMPONENTS = List.of("worker.invoker.message-size-limit", "metadata-client.message-size-limit");

    private SizeLimits() {
    }

    /** Derives every component limit in place; returns a warning for each one that was clamped. */
    static List<String> apply(Settings settings) {
        List<String> warnings = new ArrayList<>();
        if (settings.find(GLOBAL).isEmpty()) {
            return warnings;
        }
        long global = (Long) settings.parsed(GLOBAL);
        for (String key : COMPONENTS) {
            if (settings.find(key).isEmpty()) {
                settings.derive(key, settings.get(GLOBAL), "default: " + GLOBAL);
                continue;
            }
            long own = (Long) settings.parsed(key);
            if (own > global) {
                warnings.add(key + " = " + settings.get(key) + " (" + settings.origin(key) + ") exceeds " + GLOBAL + " = "
                        + settings.get(GLOBAL) + "; clamped to " + ByteSizes.format(global));
                settings.derive(key, ByteSizes.format(global), "clamped to " + GLOBAL);
            }
        }
        return warnings;
    }
}
