package dev.resolute.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's view of the effective configuration: its own section only, already layered
 * (defaults &lt; file &lt; environment &lt; flags) and validated against the plugin's
 * {@link PluginFactory#configKeys()} before any plugin starts.
 *
 * <p>Keys are relative to the section, dotted for nesting ({@code "invoker.message-size-limit"}).
 * A getter for a key that is unset and has no default throws {@link IllegalStateException};
 * use {@link #find} for optional keys.
 */
public interface ConfigScope {

    /** The absolute dotted path of this section ({@code ""} for the root), for messages. */
    String path();

    /** The raw value of {@code key} as a string, if set or defaulted. */
    Optional<String> find(String key);

    default String getString(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("config key " + absolute(key) + " is not set"));
    }

    default boolean getBoolean(String key) {
        return (Boolean) ConfigType.BOOLEAN.parse(getString(key));
    }

    default long getLong(String key) {
        return ((Number) ConfigType.LONG.parse(getString(key))).longValue();
    }

    default int getInt(String key) {
        return Math.toIntExact(getLong(key));
    }

    /** A Restate duration ({@code "10m"}, {@code "1h 30m"}, {@code "PT1H"}). */
    default Duration getDuration(String key) {
        return Durations.parse(getString(key));
    }

    /** A Restate byte size ({@code "32 MiB"}, {@code "1.5 GiB"}, a plain number of bytes). */
    default long getBytes(String key) {
        return ByteSizes.parse(getString(key));
    }

    /** A list of strings; also accepts a comma-separated string, as environment variables give. */
    List<String> getStringList(String key);

    /** A table of string values ({@code [worker.invoker.additional-request-headers]}). */
    Map<String, String> getTable(String key);

    /** Where the value of {@code key} came from: {@code "restate.toml:12"}, {@code "env RESTATE_X"}, {@code "default"}. */
    String origin(String key);

    /** Prefixes {@code key} with this section's path. */
    default String absolute(String key) {
        return path().isEmpty() ? key : path() + "." + key;
    }
}
