package dev.resolute.spi;

import java.util.Objects;

/**
 * One configuration key a plugin (or the kernel) understands.
 *
 * @param path         dotted path relative to the owner's section
 * @param type         how values are checked and parsed
 * @param defaultValue the default as it would be written in {@code restate.toml}, or {@code null} when unset by default
 * @param description  one line for the README's reference and {@code --help}
 */
public record ConfigKey(String path, ConfigType type, String defaultValue, String description) {
    public ConfigKey {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (defaultValue != null) {
            type.parse(defaultValue); // a default that does not parse is a programming error
        }
    }

    public static ConfigKey of(String path, ConfigType type, String defaultValue, String description) {
        return new ConfigKey(path, type, defaultValue, description);
    }
}
