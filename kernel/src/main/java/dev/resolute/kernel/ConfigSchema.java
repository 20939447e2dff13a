package dev.resolute.kernel;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigType;
import dev.resolute.spi.PluginFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every key Resolute understands (the kernel's and each installed plugin's), and the keys Restate
 * knows that we accept without effect. Turns the layered configuration into {@link Settings},
 * collecting every problem instead of stopping at the first.
 */
final class ConfigSchema {
    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();
    private final Set<String> restateKeys = new TreeSet<>();

    /**
     * @throws IllegalStateException if two factories declare one network service
     */
    ConfigSchema(List<PluginFactory> factories) {
        KernelKeys.all(NetworkPlan.declared(factories)).forEach(k -> keys.put(k.path(), k));
        for (PluginFactory factory : factories) {
            String section = factory.configSection();
            for (ConfigKey key : factory.configKeys()) {
                String path = section.isEmpty() ? key.path() : section + "." + key.path();
                keys.putIfAbsent(path, new ConfigKey(path, key.type(), key.defaultValue(), key.description()));
            }
            factory.configReads().forEach(key -> keys.putIfAbsent(key.path(), key));
        }
        restateKeys.addAll(loadRestateKeys());
    }

    Map<String, ConfigKey> keys() {
        return keys;
    }

    /** The outcome of validation: effective settings, problems (fatal), warnings (logged once). */
    record Result(Settings settings, List<String> problems, List<String> warnings) {
    }

    Result validate(Config layered) {
        List<String> problems = new ArrayList<>();
        List<String> noEffect = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : layered.entrySet()) {
            String key = String.join(".", ConfigUtil.splitPath(entry.getKey()));
            ConfigValue value = entry.getValue();
            ConfigKey known = keys.get(key);
            if (known != null) {
                check(known, value).ifPresent(problems::add);
            } else if (tableOwning(key) != null) {
                continue;
            } else if (isRestateKey(key)) {
                noEffect.add(key + " (" + ConfigLayers.originOf(value) + ")");
            } else {
                problems.add(key + " = " + render(value) + " (" + ConfigLayers.originOf(value) + "): unknown key"
                        + DidYouMean.hint(key, keys.keySet()));
            }
        }
        Map<String, Settings.Setting> values = new LinkedHashMap<>();
        for (ConfigKey key : keys.values()) {
            if (layered.hasPath(quoted(key.path()))) {
                ConfigValue value = layered.getValue(quoted(key.path()));
                values.put(key.path(), new Settings.Setting(value.unwrapped(), ConfigLayers.originOf(value)));
            } else if (key.defaultValue() != null) {
                Object raw = key.type() == ConfigType.STRING_LIST ? ConfigType.STRING_LIST.parse(key.defaultValue()) : key.defaultValue();
                values.put(key.path(), new Settings.Setting(raw, ConfigLayers.DEFAULT_ORIGIN));
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!noEffect.isEmpty()) {
            warnings.add("these Restate configuration keys are accepted but have no effect in Resolute: " + String.join(", ", noEffect));
        }
        return new Result(new Settings(keys, values), problems, warnings);
    }

    private java.util.Optional<String> check(ConfigKey key, ConfigValue value) {
        if (key.type() == ConfigType.TABLE && value.valueType() != ConfigValueType.OBJECT) {
            return java.util.Optional.of(problem(key, value, ""));
        }
        try {
            key.type().parse(value.unwrapped());
            return java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            String hint = key.type().words().isEmpty() ? "" : DidYouMean.hint(String.valueOf(value.unwrapped()), key.type().words());
            return java.util.Optional.of(problem(key, value, hint));
        }
    }

    private static String problem(ConfigKey key, ConfigValue value, String hint) {
        return key.path() + " = " + render(value) + " (" + ConfigLayers.originOf(value) + "): expected " + key.type().expected() + hint;
    }

    private String tableOwning(String key) {
        for (ConfigKey k : keys.values()) {
            if (k.type() == ConfigType.TABLE && key.startsWith(k.path() + ".")) {
                return k.path();
            }
        }
        return null;
    }

    private boolean isRestateKey(String key) {
        if (restateKeys.contains(key)) {
            return true;
        }
        for (String known : restateKeys) {
            if (known.endsWith(".*") && key.startsWith(known.substring(0, known.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    static String render(ConfigValue value) {
        Object raw = value.unwrapped();
        return raw instanceof String s ? "\"" + s + "\"" : String.valueOf(raw);
    }

    private static String quoted(String dotted) {
        return ConfigUtil.joinPath(dotted.split("\\."));
    }

    private static List<String> loadRestateKeys() {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ConfigSchema.class.getResourceAsStream("restate-keys.txt"), StandardCharsets.UTF_8))) {
            in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
