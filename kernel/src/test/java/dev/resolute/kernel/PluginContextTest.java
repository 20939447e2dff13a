package dev.resolute.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigType;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A plugin sees its own section and the keys it declares it reads, and publishes only the types it declares. */
class PluginContextTest {
    interface Declared {
    }

    interface Undeclared {
    }

    private KernelPluginContext context(Map<String, String> env) {
        TestPlugins.Factory reader = new TestPlugins.Factory("reader", PluginKind.ENGINE, Set.of(), Set.of(Declared.class),
                List.of(ConfigKey.of("depth", ConfigType.integer(1, 9), "3", "how deep")), new ArrayList<>());
        reader.reads = List.of(ConfigKey.of("default-num-partitions", ConfigType.integer(1, 4096), "24", "partitions"),
                ConfigKey.of("cluster-name", ConfigType.STRING, null, "defined by the kernel"));
        List<TestPlugins.Factory> plugins = new ArrayList<>(TestPlugins.standard(new ArrayList<>(), false));
        plugins.add(reader);
        Settings settings = Main.resolve(CommandLine.parse(), env, TestPlugins.catalog(plugins)).settings();
        return new KernelPluginContext(reader, settings, new NodeInfo("n", "c", Path.of("/tmp/n")), new KernelHttpHost(List.of(),
                new NetworkPlan(settings, List.of())), new HashMap<>(), new dev.resolute.spi.Health());
    }

    @Test
    void aPluginReadsItsSectionAndItsDeclaredReadsOnly() {
        KernelPluginContext context = context(Map.of("RESTATE_READER__DEPTH", "5", "RESTATE_DEFAULT_NUM_PARTITIONS", "8"));
        assertThat(context.config().getInt("depth")).isEqualTo(5);
        assertThat(context.config().find("bind-port")).isEmpty(); // relative to [reader]: the fabric's top-level key is out of reach
        assertThat(context.rootConfig().getInt("default-num-partitions")).isEqualTo(8);
        assertThat(context.rootConfig().getString("cluster-name")).isEqualTo("localcluster"); // a kernel key keeps the kernel's default
        assertThat(context.rootConfig().origin("default-num-partitions")).isEqualTo("env RESTATE_DEFAULT_NUM_PARTITIONS");
        assertThatThrownBy(() -> context.rootConfig().find("admin.bind-port"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("plugin reader reads admin.bind-port, which it does not declare in configReads()");
    }

    @Test
    void providingAnUndeclaredTypeIsRefusedNamingPluginAndType() {
        KernelPluginContext context = context(Map.of());
        context.provide(Declared.class, new Declared() { });
        assertThat(context.require(Declared.class)).isNotNull();
        assertThatThrownBy(() -> context.provide(Undeclared.class, new Undeclared() { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("plugin reader provides " + Undeclared.class.getName() + ", which it does not declare in provides()");
    }
}
