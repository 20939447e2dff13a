package dev.resolute.spi;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The type of a configuration value: how a raw value (a TOML scalar, an environment string, a flag)
 * is checked and parsed, and how the expected form is described in error messages.
 */
public final class ConfigType {

    public static final ConfigType STRING = new ConfigType("a string", raw -> scalar(raw));
    public static final ConfigType BOOLEAN = new ConfigType("true or false", ConfigType::parseBoolean);
    public static final ConfigType LONG = integer(Long.MIN_VALUE, Long.MAX_VALUE);
    public static final ConfigType DECIMAL = new ConfigType("a number such as 2.0", raw -> {
        try {
            return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(scalar(raw).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
    });
    public static final ConfigType PORT = integer(0, 65535).describedAs("a port number 0-65535 (0 = any free port)");
    public static final ConfigType DURATION = new ConfigType(
            "a duration such as \"500ms\", \"10m\", \"1h 30m\" or \"PT1H\"", raw -> Durations.parse(scalar(raw)));
    public static final ConfigType SIZE = new ConfigType(
            "a size such as \"32 MiB\", \"1.5 GiB\" or a number of bytes", raw -> ByteSizes.parse(scalar(raw)));
    public static final ConfigType SOCKET_ADDRESS = new ConfigType(
            "an address ip:port such as \"0.0.0.0:8080\" or \"[::]:8080\"", raw -> SocketAddresses.parse(scalar(raw)));
    public static final ConfigType IP_ADDRESS = new ConfigType(
            "an IP address such as \"0.0.0.0\", \"127.0.0.1\" or \"::\"", ConfigType::parseIp);
    public static final ConfigType URL = new ConfigType("a URL such as \"http://host:8080/\"", ConfigType::parseUrl);
    public static final ConfigType STRING_LIST = new ConfigType(
            "a list of strings such as [\"a\", \"b\"] (or \"a,b\" from the environment)", ConfigType::parseList);
    public static final ConfigType TABLE = new ConfigType("a table of string values", ConfigType::parseTable);

    private final String expected;
    private final Function<Object, Object> parser;

    private ConfigType(String expected, Function<Object, Object> parser) {
        this.expected = expected;
        this.parser = parser;
    }

    /** Integers in {@code [min, max]}. */
    public static ConfigType integer(long min, long max) {
        String expected = min == Long.MIN_VALUE ? "an integer" : "an integer " + min + "-" + max;
        return new ConfigType(expected, raw -> {
            long value;
            try {
                value = raw instanceof Number n && !(raw instanceof Double) ? n.longValue() : Long.parseLong(scalar(raw).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        });
    }

    /** One of the given lowercase words. */
    public static ConfigType oneOf(String... values) {
        List<String> allowed = List.of(values);
        return new ConfigType("one of " + String.join(", ", allowed.stream().map(v -> "\"" + v + "\"").toList()), raw -> {
            String value = scalar(raw).trim();
            if (!allowed.contains(value)) {
                throw new IllegalArgumentException("not one of the allowed values");
            }
            return value;
        });
    }

    /** Same parser, other description. */
    public ConfigType describedAs(String expected) {
        return new ConfigType(expected, parser);
    }

    /** What a valid value looks like, for error messages ("a duration such as ..."). */
    public String expected() {
        return expected;
    }

    /**
     * Parses a raw value (String, Number, Boolean, List or Map as configuration layers give them).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public Object parse(Object raw) {
        Objects.requireNonNull(raw, "raw");
        return parser.apply(raw);
    }

    /** The allowed words of a {@link #oneOf} type, for did-you-mean hints; empty for other types. */
    public List<String> words() {
        if (!expected.startsWith("one of ")) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String part : expected.substring("one of ".length()).split(", ")) {
            words.add(part.replace("\"", ""));
        }
        return words;
    }

    @Override
    public String toString() {
        return expected;
    }

    private static String scalar(Object raw) {
        if (raw instanceof Collection<?> || raw instanceof Map<?, ?>) {
            throw new IllegalArgumentException("expected a single value, got a " + (raw instanceof Map ? "table" : "list"));
        }
        return raw.toString();
    }

    private static Object parseBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String value = scalar(raw).trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static Object parseIp(Object raw) {
        String value = scalar(raw).trim();
        boolean ipv4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = value.contains(":") && value.matches("[0-9a-fA-F:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("not an IP address");
        }
        try {
            return java.net.InetAddress.getByName(value); // a literal: no name lookup happens
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address");
        }
    }

    private static Object parseUrl(Object raw) {
        String value = scalar(raw).trim();
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || (uri.getHost() == null && !"unix".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not an absolute URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
    }

    private static Object parseList(Object raw) {
        if (raw instanceof Collection<?> items) {
            return items.stream().map(ConfigType::scalar).map(String::trim).toList();
        }
        String value = scalar(raw).trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(s -> s.trim().replaceAll("^\"|\"$", ""))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Object parseTable(Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected a table");
        }
        for (Object v : map.values()) {
            scalar(v);
        }
        return map;
    }
}
