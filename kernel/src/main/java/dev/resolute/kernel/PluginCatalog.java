package dev.resolute.kernel;

import dev.resolute.spi.PluginFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed plugins: factories on the kernel's class path, plus one {@link PluginClassLoader} per
 * folder under {@code <home>/plugins/} (so removing a folder removes the plugin, and plugin libraries
 * do not collide). A folder's plugins must name the SPI version they were built against in their jar's
 * manifest; class-path factories are built with the kernel and speak its version.
 */
final class PluginCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(PluginCatalog.class);

    /**
     * An installed factory, where it came from (for messages) and the SPI version it was built against
     * (empty when its jar's manifest names none).
     */
    record Installed(PluginFactory factory, String source, OptionalInt spiVersion) {
        /** A factory built with the kernel (the class path). */
        Installed(PluginFactory factory, String source) {
            this(factory, source, OptionalInt.of(PluginFactory.SPI_VERSION));
        }
    }

    private final Map<String, Installed> byId;

    private PluginCatalog(Map<String, Installed> byId) {
        this.byId = byId;
    }

    /**
     * @throws IllegalStateException naming duplicate ids, SPI version mismatches or declarations the kernel cannot honour
     */
    static PluginCatalog discover(ClassLoader kernelLoader, Optional<Path> pluginsDir) {
        List<Installed> found = new ArrayList<>();
        for (PluginFactory factory : ServiceLoader.load(PluginFactory.class, kernelLoader)) {
            found.add(new Installed(factory, "class path"));
        }
        if (pluginsDir.isPresent() && Files.isDirectory(pluginsDir.get())) {
            found.addAll(inFolders(kernelLoader, pluginsDir.get()));
        }
        return of(found);
    }

    /** The factories of every folder under {@code pluginsDir}, each folder in its own {@link PluginClassLoader}. */
    static List<Installed> inFolders(ClassLoader kernelLoader, Path pluginsDir) {
        List<Installed> found = new ArrayList<>();
        for (Path folder : list(pluginsDir, Files::isDirectory)) {
            URL[] jars = list(folder, p -> p.toString().endsWith(".jar")).stream().map(PluginCatalog::url).toArray(URL[]::new);
            ClassLoader loader = new PluginClassLoader("plugin-" + folder.getFileName(), jars, kernelLoader);
            for (PluginFactory factory : ServiceLoader.load(PluginFactory.class, loader)) {
                found.add(new Installed(factory, folder.toString(), spiVersionOf(factory)));
            }
        }
        return found;
    }

    static PluginCatalog of(List<Installed> found) {
        Map<String, Installed> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Installed installed : found) {
            PluginFactory factory = installed.factory();
            Optional<String> refused = refusal(installed);
            if (refused.isPresent()) {
                problems.add(refused.get());
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
        NetworkPlan.declared(byId.values().stream().map(Installed::factory).toList()); // refuses services declared twice
        return new PluginCatalog(byId);
    }

    /** Why the kernel cannot run {@code installed}: another SPI version, or a role outside Restate's vocabulary. */
    private static Optional<String> refusal(Installed installed) {
        PluginFactory factory = installed.factory();
        String name = "plugin " + factory.id() + " (" + installed.source() + ")";
        if (installed.spiVersion().isEmpty()) {
            return Optional.of(name + " names no SPI version: its jar's manifest lacks " + PluginFactory.SPI_VERSION_ATTRIBUTE
                    + "; rebuild it against SPI version " + PluginFactory.SPI_VERSION);
        }
        if (installed.spiVersion().getAsInt() != PluginFactory.SPI_VERSION) {
            return Optional.of(name + " was built for SPI version " + installed.spiVersion().getAsInt()
                    + ", but this kernel speaks version " + PluginFactory.SPI_VERSION);
        }
        for (String role : factory.roles()) {
            if (!role.equals(PluginFactory.EVERY_NODE) && !RestateRoles.known(role)) {
                return Optional.of(name + " declares the role \"" + role + "\", which is not a Restate role; roles are "
                        + String.join(", ", RestateRoles.ALL) + DidYouMean.hint(role, RestateRoles.ALL));
            }
        }
        return Optional.empty();
    }

    /** The SPI version in the manifest of the jar {@code factory}'s class came from. */
    private static OptionalInt spiVersionOf(PluginFactory factory) {
        try {
            Path jar = Path.of(factory.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                String version = manifest == null ? null : manifest.getMainAttributes().getValue(PluginFactory.SPI_VERSION_ATTRIBUTE);
                return version == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(version.strip()));
            }
        } catch (IOException | URISyntaxException | NumberFormatException e) {
            throw new IllegalStateException("plugin " + factory.id() + ": cannot read " + PluginFactory.SPI_VERSION_ATTRIBUTE
                    + " from its jar's manifest: " + e.getMessage(), e);
        }
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

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> filter) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(filter).sorted().toList();
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
