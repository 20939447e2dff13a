package dev.resolute.kernel;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the effective configuration as TOML, as {@code --dump-config} prints it. */
final class TomlDump {
    private TomlDump() {
    }

    static String of(Settings settings) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("", new ArrayList<>());
        for (Map.Entry<String, Settings.Setting> e : settings.values().entrySet()) {
            ConfigKey key = settings.schema().get(e.getKey());
            Object parsed = key.type().parse(e.getValue().raw());
            int dot = e.getKey().lastIndexOf('.');
            String table = dot < 0 ? "" : e.getKey().substring(0, dot);
            String leaf = e.getKey().substring(dot + 1);
            if (parsed instanceof Map<?, ?> map) {
                List<String> lines = tables.computeIfAbsent(e.getKey(), t -> new ArrayList<>());
                map.forEach((k, v) -> lines.add(bareKey(k.toString()) + " = " + string(v.toString())));
                continue;
            }
            tables.computeIfAbsent(table, t -> new ArrayList<>()).add(leaf + " = " + value(key, parsed, e.getValue().raw()));
        }
        StringBuilder out = new StringBuilder();
        tables.forEach((table, lines) -> {
            if (lines.isEmpty()) {
                return;
            }
            if (!table.isEmpty()) {
                out.append("\n[").append(table).append("]\n");
            }
            lines.forEach(l -> out.append(l).append('\n'));
        });
        return out.toString();
    }

    private static String value(ConfigKey key, Object parsed, Object raw) {
        if (parsed instanceof Boolean || parsed instanceof Long && key.type() != ConfigType.SIZE) {
            return parsed.toString();
        }
        if (parsed instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(i -> items.add(string(i.toString())));
            return "[" + String.join(", ", items) + "]";
        }
        return string(raw.toString());
    }

    private static String bareKey(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : string(key);
    }

    static String string(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
