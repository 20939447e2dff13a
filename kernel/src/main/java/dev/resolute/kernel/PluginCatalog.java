package dev.resolute.kernel;

import dev.resolute.spi.PluginFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed plugins: factories on the kernel's class path, plus one class loader per folder
 * under {@code <home>/plugins/} (so removing a folder removes the plugin, and plugin libraries
 * do not collide). A plugin loader delegates to the kernel's loader first, which holds the SPI
 * and Jetty core; everything else a plugin needs lives in its own folder.
 */
final class PluginCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(PluginCatalog.class);

    /** An installed factory and where it came from (for messages). */
    record Installed(PluginFactory factory, String source) {
    }

    private final Map<String, Installed> byId;

    private PluginCatalog(Map<String, Installed> byId) {
        this.byId = byId;
    }

    /**
     * @throws IllegalStateException naming duplicate ids or SPI version mismatches
     */
    static PluginCatalog discover(ClassLoader kernelLoader, Optional<Path> pluginsDir) {
        List<Installed> found = new ArrayList<>();
        for (PluginFactory factory : ServiceLoader.load(PluginFactory.class, kernelLoader)) {
            found.add(new Installed(factory, "class path"));
        }
        if (pluginsDir.isPresent() && Files.isDirectory(pluginsDir.get())) {
            for (Path folder : folders(pluginsDir.get())) {
                ClassLoader loader = new URLClassLoader("plugin-" + folder.getFileName(), jars(folder), kernelLoader);
                for (PluginFactory factory : ServiceLoader.load(PluginFactory.class, loader)) {
                    if (factory.getClass().getClassLoader() == loader) { // the parent's own are already listed
                        found.add(new Installed(factory, folder.toString()));
                    }
                }
            }
        }
        return of(found);
    }

    static PluginCatalog of(List<Installed> found) {
        Map<String, Installed> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Installed installed : found) {
            PluginFactory factory = installed.factory();
            if (factory.spiVersion() != PluginFactory.SPI_VERSION) {
                problems.add("plugin " + factory.id() + " (" + installed.source() + ") was built for SPI version "
                        + factory.spiVersion() + ", but this kernel speaks version " + PluginFactory.SPI_VERSION);
                continue;
            }
            Installed previous = byId.putIfAbsent(factory.id(), installed);
            if (previous != null) {
                problems.add("two plugins have the id \"" + factory.id() + "\": " + previous.factory().getClass().getName()
                        + " (" + previous.source() + ") and " + factory.getClass().getName() + " (" + installed.source() + ")");
            } else {
                LOG.debug("plugin {} ({}) from {}", factory.id(), factory.kind(), installed.source());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return new PluginCatalog(byId);
    }

    Optional<PluginFactory> find(String id) {
        return Optional.ofNullable(byId.get(id)).map(Installed::factory);
    }

    List<PluginFactory> factories() {
        return byId.values().stream().map(Installed::factory).toList();
    }

    /** The installed ids, sorted, for "installed plugins: ..." messages. */
    List<String> ids() {
        return byId.keySet().stream().sorted().toList();
    }

    private static List<Path> folders(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL[] jars(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.toString().endsWith(".jar")).sorted().map(PluginCatalog::url).toArray(URL[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
