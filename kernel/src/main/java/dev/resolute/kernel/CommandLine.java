package dev.resolute.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code restate-server}: Restate's flags, as {@code --flag value} or
 * {@code --flag=value}. Flags that set configuration keys become the highest configuration layer.
 */
public final class CommandLine {

    /** A flag that sets a configuration key, with its help line. */
    record KeyFlag(String flag, String key, String help) {
    }

    static final List<KeyFlag> KEY_FLAGS = List.of(
            new KeyFlag("--listen-mode", "listen-mode", "tcp, unix or all: which sockets every service listens on"),
            new KeyFlag("--use-random-ports", "use-random-ports", "true or false: bind free ports instead of the defaults"),
            new KeyFlag("--bind-ip", "bind-ip", "local interface IP to listen on (default 0.0.0.0)"),
            new KeyFlag("--bind-port", "bind-port", "port of the fabric service (default 5122)"),
            new KeyFlag("--bind-address", "bind-address", "ip:port of the fabric service; wins over --bind-ip/--bind-port"),
            new KeyFlag("--advertised-host", "advertised-host", "host name to advertise for every service"),
            new KeyFlag("--advertised-address", "advertised-address", "full URL to advertise for the fabric service"),
            new KeyFlag("--node-name", "node-name", "unique name of this node (default: the host name)"),
            new KeyFlag("--cluster-name", "cluster-name", "name of the cluster (default localcluster)"),
            new KeyFlag("--base-dir", "base-dir", "directory holding <node-name>/ with data and sockets (default ./restate-data)"),
            new KeyFlag("--roles", "roles", "comma-separated roles: http-ingress, admin, worker, log-server, metadata-server"),
            new KeyFlag("--shutdown-timeout", "shutdown-timeout", "how long a graceful stop may take (default 1m)"),
            new KeyFlag("--default-num-partitions", "default-num-partitions", "partitions at first start (default 24)"),
            new KeyFlag("--auto-provision", "auto-provision", "accepted for Restate compatibility"),
            new KeyFlag("--location", "location", "accepted for Restate compatibility"),
            new KeyFlag("--force-node-id", "force-node-id", "accepted for Restate compatibility"),
            new KeyFlag("--metadata-store-address", "metadata-store-address", "accepted for Restate compatibility"),
            new KeyFlag("--metadata-migration-mode", "metadata-migration-mode", "accepted for Restate compatibility"),
            new KeyFlag("--log-filter", "log-filter", "accepted for Restate compatibility"),
            new KeyFlag("--log-format", "log-format", "accepted for Restate compatibility"),
            new KeyFlag("--log-disable-ansi-codes", "log-disable-ansi-codes", "accepted for Restate compatibility"),
            new KeyFlag("--tracing-endpoint", "tracing-endpoint", "accepted for Restate compatibility"),
            new KeyFlag("--tracing-runtime-endpoint", "tracing-runtime-endpoint", "accepted for Restate compatibility"),
            new KeyFlag("--tracing-services-endpoint", "tracing-services-endpoint", "accepted for Restate compatibility"),
            new KeyFlag("--tracing-json-path", "tracing-json-path", "accepted for Restate compatibility"),
            new KeyFlag("--tracing-filter", "tracing-filter", "accepted for Restate compatibility"));

    /** Flags that take no value (a value of true/false may still follow {@code =}). */
    private static final List<String> SWITCHES = List.of("--no-logo", "--dump-config", "--help", "-h", "--version", "-V", "--production");
    /** Key flags whose value may be left out, meaning {@code true}. */
    private static final List<String> OPTIONAL_BOOLEAN = List.of("--use-random-ports", "--auto-provision", "--log-disable-ansi-codes");

    private final Optional<String> configFile;
    private final Map<String, String> keyValues;
    private final Map<String, String> keyFlags;
    private final List<String> switches;

    private CommandLine(Optional<String> configFile, Map<String, String> keyValues, Map<String, String> keyFlags, List<String> switches) {
        this.configFile = configFile;
        this.keyValues = keyValues;
        this.keyFlags = keyFlags;
        this.switches = switches;
    }

    /**
     * @throws IllegalArgumentException naming the flag that is unknown or lacks its value
     */
    public static CommandLine parse(String... args) {
        Optional<String> configFile = Optional.empty();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> switches = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (SWITCHES.contains(name)) {
                if (value == null || Boolean.parseBoolean(value)) {
                    switches.add(canonicalSwitch(name));
                }
                continue;
            }
            boolean nextIsValue = i + 1 < args.length && !args[i + 1].startsWith("-");
            if (name.equals("-c") || name.equals("--config-file")) {
                if (value == null) {
                    if (!nextIsValue) {
                        throw new IllegalArgumentException(name + " needs a file: " + name + " restate.toml");
                    }
                    value = args[++i];
                }
                configFile = Optional.of(value);
                continue;
            }
            KeyFlag flag = keyFlag(name).orElseThrow(() -> new IllegalArgumentException(unknownFlag(arg)));
            if (value == null) {
                if (nextIsValue) {
                    value = args[++i];
                } else if (OPTIONAL_BOOLEAN.contains(name)) {
                    value = "true";
                } else {
                    throw new IllegalArgumentException(name + " needs a value: " + name + "=<" + flag.key() + ">");
                }
            }
            if (flag.key().equals("roles") && values.containsKey("roles")) {
                value = values.get("roles") + "," + value; // --roles=a --roles=b, as Restate allows
            }
            values.put(flag.key(), value);
            flags.put(flag.key(), name);
        }
        return new CommandLine(configFile, values, flags, switches);
    }

    private static String canonicalSwitch(String name) {
        return switch (name) {
            case "-h" -> "--help";
            case "-V" -> "--version";
            default -> name;
        };
    }

    private static Optional<KeyFlag> keyFlag(String name) {
        return KEY_FLAGS.stream().filter(f -> f.flag().equals(name)).findFirst();
    }

    private static String unknownFlag(String arg) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        List<String> all = new ArrayList<>(SWITCHES);
        all.add("--config-file");
        KEY_FLAGS.forEach(f -> all.add(f.flag()));
        return "unknown option " + name + DidYouMean.hint(name, all) + " (see --help)";
    }

    /** The configuration file from {@code -c/--config-file}, if given. */
    public Optional<String> configFile() {
        return configFile;
    }

    /** Configuration keys set by flags, in order, as raw strings. */
    public Map<String, String> keyValues() {
        return keyValues;
    }

    /** The flag that set {@code key}, for messages. */
    public String flagFor(String key) {
        return keyFlags.get(key);
    }

    public boolean has(String aSwitch) {
        return switches.contains(aSwitch);
    }

    /** The text {@code --help} prints. */
    public static String usage() {
        StringBuilder out = new StringBuilder();
        out.append("Resolute: a durable-execution server that speaks Restate's protocols\n\n")
                .append("Usage: restate-server [OPTIONS]\n\nOptions:\n");
        line(out, "-c, --config-file <FILE>", "configuration file (TOML restate.toml, or HOCON .conf); env RESTATE_CONFIG");
        line(out, "--dump-config", "print the effective configuration as TOML and exit");
        line(out, "--no-logo", "print no logo; the bound addresses are the first lines on stdout");
        for (KeyFlag flag : KEY_FLAGS) {
            line(out, flag.flag() + " <" + flag.key().toUpperCase(java.util.Locale.ROOT) + ">", flag.help() + "; env " + EnvVars.nameOf(flag.key()));
        }
        line(out, "-h, --help", "print this help");
        line(out, "-V, --version", "print the version");
        out.append("\nEvery key of restate.toml can also be set with an environment variable: RESTATE_ + the key path,\n")
                .append("'__' between sections and '_' for '-', e.g. RESTATE_ADMIN__BIND_PORT=9070.\n");
        return out.toString();
    }

    private static void line(StringBuilder out, String flag, String help) {
        out.append(String.format("  %-42s %s%n", flag, help));
    }
}
