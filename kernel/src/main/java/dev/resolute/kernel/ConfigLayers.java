package dev.resolute.kernel;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the layered configuration: built-in defaults &lt; config file &lt; environment &lt; flags.
 * Typesafe Config does the layering; every leaf carries an origin description that names its
 * source precisely ({@code restate.toml:12}, {@code env RESTATE_ADMIN__BIND_PORT}, {@code flag --bind-port}).
 */
final class ConfigLayers {
    static final String DEFAULT_ORIGIN = "default";

    private ConfigLayers() {
    }

    /**
     * The file, env and flag layers merged (defaults are applied by {@link ConfigSchema}).
     *
     * @throws ConfigProblems if the file cannot be read or parsed
     */
    static Config load(CommandLine commandLine, Map<String, String> env) {
        Config merged = flags(commandLine).withFallback(environment(env));
        String file = commandLine.configFile().orElse(env.get("RESTATE_CONFIG"));
        if (file != null && !file.isBlank()) {
            merged = merged.withFallback(file(Path.of(file), commandLine.configFile().isPresent() ? "-c " + file : "env RESTATE_CONFIG"));
        }
        return merged;
    }

    static Config file(Path path, String askedBy) {
        if (!Files.isRegularFile(path)) {
            throw ConfigProblems.single("config file " + path + " (" + askedBy + ") does not exist or is not a file");
        }
        String name = path.getFileName().toString();
        if (name.endsWith(".conf") || name.endsWith(".hocon") || name.endsWith(".json")) {
            try {
                return ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setSyntax(
                        name.endsWith(".json") ? ConfigSyntax.JSON : ConfigSyntax.CONF).setAllowMissing(false));
            } catch (ConfigException e) {
                throw ConfigProblems.single("config file " + name + " is not valid HOCON: " + e.getMessage());
            }
        }
        return toml(path);
    }

    private static Config toml(Path path) {
        String name = path.getFileName().toString();
        String text;
        Map<?, ?> tree;
        try {
            text = Files.readString(path);
            tree = new TomlMapper().readValue(text, Map.class);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw ConfigProblems.single(name + ":" + line + ": not valid TOML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ConfigProblems.single("config file " + path + " cannot be read: " + e.getMessage());
        }
        TomlLines lines = new TomlLines(text);
        Config config = ConfigFactory.empty();
        for (Leaf leaf : leaves(tree, new ArrayList<>())) {
            String dotted = String.join(".", leaf.path());
            config = config.withValue(ConfigUtil.joinPath(leaf.path()),
                    ConfigValueFactory.fromAnyRef(leaf.value(), name + ":" + lines.lineOf(dotted)));
        }
        return config;
    }

    private record Leaf(List<String> path, Object value) {
    }

    private static List<Leaf> leaves(Map<?, ?> tree, List<String> prefix) {
        List<Leaf> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : tree.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(String.valueOf(e.getKey()));
            if (e.getValue() instanceof Map<?, ?> sub && !sub.isEmpty()) {
                out.addAll(leaves(sub, path));
            } else {
                out.add(new Leaf(path, e.getValue()));
            }
        }
        return out;
    }

    static Config environment(Map<String, String> env) {
        Config config = ConfigFactory.empty();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
            List<String> path = EnvVars.pathOf(e.getKey()).orElse(null);
            if (path != null) {
                config = config.withValue(ConfigUtil.joinPath(path), ConfigValueFactory.fromAnyRef(e.getValue(), "env " + e.getKey()));
            }
        }
        return config;
    }

    static Config flags(CommandLine commandLine) {
        Config config = ConfigFactory.empty();
        for (Map.Entry<String, String> e : commandLine.keyValues().entrySet()) {
            config = config.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(), "flag " + commandLine.flagFor(e.getKey())));
        }
        return config;
    }

    /** A short source name: {@code restate.toml:12}, {@code env RESTATE_X}, {@code flag --x}, {@code default}. */
    static String originOf(ConfigValue value) {
        ConfigOrigin origin = value.origin();
        if (origin.filename() != null && origin.lineNumber() > 0) {
            return Path.of(origin.filename()).getFileName() + ":" + origin.lineNumber();
        }
        return origin.description().replaceAll(" @ .*$", "");
    }
}
