package dev.resolute.kernel;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.ConfigType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The effective, validated configuration: a value and its source per known key. */
public final class Settings {

    /** One effective value: a String, Boolean, Number, List or Map as the source gave it. */
    record Setting(Object raw, String origin) {
    }

    private final Map<String, ConfigKey> schema;
    private final Map<String, Setting> values;

    Settings(Map<String, ConfigKey> schema, Map<String, Setting> values) {
        this.schema = schema;
        this.values = new LinkedHashMap<>(values);
    }

    Optional<Setting> setting(String key) {
        return Optional.ofNullable(values.get(key));
    }

    Optional<String> find(String key) {
        return setting(key).map(s -> s.raw().toString());
    }

    String get(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("config key " + key + " has no value"));
    }

    /** The parsed value, typed as the key's {@link ConfigType} parses it. */
    Object parsed(String key) {
        return schema.get(key).type().parse(setting(key).orElseThrow().raw());
    }

    boolean isSet(String key) {
        return setting(key).map(s -> !ConfigLayers.DEFAULT_ORIGIN.equals(s.origin())).orElse(false);
    }

    String origin(String key) {
        return setting(key).map(Setting::origin).orElse(ConfigLayers.DEFAULT_ORIGIN);
    }

    /** Replaces a value with a derived one (node name, clamped limits); the origin says why. */
    void derive(String key, Object raw, String origin) {
        values.put(key, new Setting(raw, origin));
    }

    Map<String, ConfigKey> schema() {
        return Collections.unmodifiableMap(schema);
    }

    Map<String, Setting> values() {
        return Collections.unmodifiableMap(values);
    }

    /** A plugin's view: only its section. */
    ConfigScope scope(String section) {
        return new ConfigScope() {
            @Override
            public String path() {
                return section;
            }

            @Override
            public Optional<String> find(String key) {
                return Settings.this.find(absolute(key));
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<String> getStringList(String key) {
                return (List<String>) ConfigType.STRING_LIST.parse(setting(absolute(key)).orElseThrow(
                        () -> new IllegalStateException("config key " + absolute(key) + " has no value")).raw());
            }

            @Override
            public Map<String, String> getTable(String key) {
                Map<String, String> table = new LinkedHashMap<>();
                setting(absolute(key)).ifPresent(s -> ((Map<?, ?>) s.raw()).forEach((k, v) -> table.put(k.toString(), v.toString())));
                return table;
            }

            @Override
            public String origin(String key) {
                return Settings.this.origin(absolute(key));
            }
        };
    }
}
