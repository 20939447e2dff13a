package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.kernel.ConfigReference;
import dev.resolute.spi.PluginFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The README's configuration reference lists every key the kernel and the default plugins implement. */
class ReadmeReferenceIT {
    @Test
    void theReadmeReferenceMatchesTheCode() throws Exception {
        List<PluginFactory> plugins = StreamSupport.stream(ServiceLoader.load(PluginFactory.class).spliterator(), false)
                .sorted(Comparator.comparing(PluginFactory::id)).toList();
        assertThat(plugins).extracting(PluginFactory::id).contains("storage-lmdb", "storage-rocksdb", "fabric");
        String expected = "<!-- config-reference:start -->\n" + ConfigReference.markdown(plugins) + "<!-- config-reference:end -->";
        Files.writeString(Path.of("target/config-reference.md"), expected); // to paste into the README when keys change
        assertThat(Files.readString(Path.of("../README.md"))).as("README.md reference (regenerated in dist/target/config-reference.md)").contains(expected);
    }
}
