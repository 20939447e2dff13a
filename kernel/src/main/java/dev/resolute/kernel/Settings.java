package dev.resolute.kernel;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.ConfigType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

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

    /** A plugin's view of its own section: keys outside it cannot be named. */
    ConfigScope scope(String section) {
        return new Scope(section, absolute -> { });
    }

    /**
     * A plugin's view from the root, answering only {@code readable} keys; naming another throws
     * {@link IllegalStateException} naming the plugin, so an undeclared read fails on first use.
     */
    ConfigScope rootScope(String pluginId, Set<String> readable) {
        return new Scope("", absolute -> {
            if (!readable.contains(absolute)) {
                throw new IllegalStateException("plugin " + pluginId + " reads " + absolute + ", which it does not declare in configReads()");
            }
        });
    }

    private final class Scope implements ConfigScope {
        private final String path;
        private final Consumer<String> checkReadable;

        Scope(String path, Consumer<String> checkReadable) {
            this.path = path;
            this.checkReadable = checkReadable;
        }

        @Override
        public String path() {
            return path;
        }

        private Optional<Setting> read(String key) {
            String absolute = absolute(key);
            checkReadable.accept(absolute);
            return setting(absolute);
        }

        @Override
        public Optional<String> find(String key) {
            return read(key).map(s -> s.raw().toString());
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<String> getStringList(String key) {
            return (List<String>) ConfigType.STRING_LIST.parse(read(key).orElseThrow(
                    () -> new IllegalStateException("config key " + absolute(key) + " has no value")).raw());
        }

        @Override
        public Map<String, String> getTable(String key) {
            Map<String, String> table = new LinkedHashMap<>();
            read(key).ifPresent(s -> ((Map<?, ?>) s.raw()).forEach((k, v) -> table.put(k.toString(), v.toString())));
            return table;
        }

        @Override
        public String origin(String key) {
            return read(key).map(Setting::origin).orElse(ConfigLayers.DEFAULT_ORIGIN);
        }
    }
}
