package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.kernel.ConfigReference;
import dev.resolute.spi.PluginFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The README's configuration reference lists every key the kernel and the default plugins implement. */
class ReadmeReferenceIT {
    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void theReadmeReferenceMatchesTheCode() throws Exception {
        List<PluginFactory> plugins = new ArrayList<>();
        try (Stream<Path> folders = Files.list(ServerProcess.DEFAULT_BUNDLE.resolve("plugins"))) {
            for (Path folder : folders.sorted().toList()) { // one loader per plugin folder, as the kernel does
                URL[] jars;
                try (Stream<Path> files = Files.list(folder)) {
                    jars = files.map(ReadmeReferenceIT::url).toArray(URL[]::new);
                }
                ClassLoader loader = new URLClassLoader(jars, PluginFactory.class.getClassLoader());
                ServiceLoader.load(PluginFactory.class, loader).stream().map(ServiceLoader.Provider::get)
                        .filter(f -> f.getClass().getClassLoader() == loader).forEach(plugins::add);
            }
        }
        plugins.sort(Comparator.comparing(PluginFactory::id));
        assertThat(plugins).extracting(PluginFactory::id).contains("storage-lmdb", "storage-rocksdb", "fabric");
        String expected = "<!-- config-reference:start -->\n" + ConfigReference.markdown(plugins) + "<!-- config-reference:end -->";
        Files.writeString(Path.of("target/config-reference.md"), expected); // to paste into the README when keys change
        assertThat(Files.readString(Path.of("../README.md"))).as("README.md reference (regenerated in dist/target/config-reference.md)").contains(expected);
    }
}
