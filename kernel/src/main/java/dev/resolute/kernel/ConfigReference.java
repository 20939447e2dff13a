package dev.resolute.kernel;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.PluginFactory;
import java.util.List;

/** The README's configuration reference, rendered from the same key declarations the kernel validates with. */
public final class ConfigReference {
    private ConfigReference() {
    }

    /** A Markdown table of every key of the kernel and of {@code factories}, with defaults and env variables. */
    public static String markdown(List<PluginFactory> factories) {
        StringBuilder out = new StringBuilder("| Key | Default | Environment | Meaning |\n|---|---|---|---|\n");
        for (ConfigKey key : new ConfigSchema(factories).keys().values()) {
            out.append("| `").append(key.path()).append("` | ")
                    .append(key.defaultValue() == null ? "unset" : "`" + key.defaultValue().replace("|", "\\|") + "`")
                    .append(" | `").append(EnvVars.nameOf(key.path())).append("` | ")
                    .append(key.description().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}
