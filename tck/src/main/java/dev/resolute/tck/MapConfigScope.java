package dev.resolute.tck;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's config section for tests: the defaults its {@code configKeys()} declare, overridden by
 * a map of raw strings (as environment variables would give them). Like the kernel, it rejects keys
 * the plugin does not declare and values that do not parse, before the plugin sees them.
 */
public final class MapConfigScope implements ConfigScope {

    private final String path;
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> origins = new HashMap<>();

    public MapConfigScope(String path, List<ConfigKey> keys, Map<String, String> overrides) {
        this.path = path;
        Map<String, ConfigKey> declared = new HashMap<>();
        for (ConfigKey key : keys) {
            declared.put(key.path(), key);
            if (key.defaultValue() != null) {
                values.put(key.path(), key.defaultValue());
                origins.put(key.path(), "default");
            }
        }
        overrides.forEach((key, value) -> {
            ConfigKey k = declared.get(key);
            if (k == null) {
                throw new IllegalArgumentException(absolute(key) + " is not a key of " + path + "; declared: " + declared.keySet());
            }
            k.type().parse(value);
            values.put(key, value);
            origins.put(key, "test");
        });
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> getStringList(String key) {
        return (List<String>) dev.resolute.spi.ConfigType.STRING_LIST.parse(getString(key));
    }

    @Override
    public Map<String, String> getTable(String key) {
        throw new UnsupportedOperationException("tables cannot be given as strings: " + absolute(key));
    }

    @Override
    public String origin(String key) {
        return origins.getOrDefault(key, "unset");
    }
}
