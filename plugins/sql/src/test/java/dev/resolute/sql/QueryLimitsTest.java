package dev.resolute.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.ConfigKey;
import dev.resolute.tck.MapConfigScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys and defaults of [admin.query-engine], and the values they refuse. */
class QueryLimitsTest {
    private static ConfigKey key(String path) {
        return QueryLimits.KEYS.stream().filter(k -> k.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void keysLiveInRestatesSectionWithRestatesDefaultMemorySize() {
        SqlPluginFactory factory = new SqlPluginFactory();
        assertThat(factory.configSection()).isEqualTo("admin.query-engine");
        assertThat(factory.configKeys()).extracting(ConfigKey::path).containsExactly("memory-size", "max-concurrent-queries");
        assertThat(key("memory-size").defaultValue()).isEqualTo("1 GiB");
        assertThat(key("max-concurrent-queries").defaultValue()).isEqualTo("10");
        QueryLimits limits = QueryLimits.from(new MapConfigScope("admin.query-engine", QueryLimits.KEYS,
                Map.of("memory-size", "64 MiB", "max-concurrent-queries", "3")));
        assertThat(limits).isEqualTo(new QueryLimits(64L << 20, 3));
    }

    @Test
    void badValuesAreRefused() {
        for (String bad : List.of("lots", "-1", "")) {
            assertThatThrownBy(() -> key("memory-size").type().parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        for (String bad : List.of("0", "1001", "ten", "2.5")) {
            assertThatThrownBy(() -> key("max-concurrent-queries").type().parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new QueryLimits(0, 1)).hasMessageContaining("memory-size");
    }
}
