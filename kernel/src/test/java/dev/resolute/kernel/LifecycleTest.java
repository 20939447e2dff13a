package dev.resolute.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Start order, rollback on a failed start, reverse stop, and refusal of duplicate ids, cycles and SPI mismatches. */
class LifecycleTest {
    interface A {
    }

    interface B {
    }

    @Test
    void startsInPhaseAndDependencyOrderAndStopsInReverse() {
        List<String> events = new ArrayList<>();
        List<TestPlugins.Factory> plugins = TestPlugins.standard(events, false);
        Kernel kernel = Kernel.create(StartOrder.of(new ArrayList<>(plugins)), settings(), node(), new KernelHttpHost(List.of(), new NetworkPlan(settings(), List.of())));
        List<String> bound = new ArrayList<>();
        kernel.start(() -> bound.add("bound after " + events));
        assertThat(events).containsExactly("start listener-tcp", "start listener-unix", "start storage-lmdb", "start worker",
                "start admin", "start fabric", "start ingress");
        assertThat(bound).containsExactly("bound after [start listener-tcp, start listener-unix]");
        events.clear();
        kernel.stop(Duration.ofSeconds(10));
        assertThat(events).containsExactly("stop ingress", "stop fabric", "stop admin", "stop worker", "stop storage-lmdb",
                "stop listener-unix", "stop listener-tcp");
    }

    @Test
    void aFailedStartStopsWhatStartedInReverseAndNamesThePlugin() {
        List<String> events = new ArrayList<>();
        List<TestPlugins.Factory> plugins = TestPlugins.standard(events, false);
        plugins.stream().filter(p -> p.id().equals("worker")).findFirst().orElseThrow().failStart = true;
        Kernel kernel = Kernel.create(StartOrder.of(new ArrayList<>(plugins)), settings(), node(), new KernelHttpHost(List.of(), new NetworkPlan(settings(), List.of())));
        assertThatThrownBy(() -> kernel.start(() -> { }))
                .isInstanceOf(Kernel.StartFailure.class)
                .hasMessage("plugin worker failed to start: worker refuses to start");
        assertThat(events).containsExactly("start listener-tcp", "start listener-unix", "start storage-lmdb", "start worker",
                "stop worker", "stop storage-lmdb", "stop listener-unix", "stop listener-tcp");
    }

    @Test
    void everyPluginWarmsUpBeforeItStartsAndAFailedWarmUpIsNoFailure() {
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        List<TestPlugins.Factory> plugins = TestPlugins.standard(events, false);
        plugins.stream().filter(p -> p.id().equals("admin")).findFirst().orElseThrow().failWarmUp = true;
        Kernel kernel = Kernel.create(StartOrder.of(new ArrayList<>(plugins)), settings(), node(), new KernelHttpHost(List.of(), new NetworkPlan(settings(), List.of())));
        kernel.start(() -> { });
        assertThat(events).containsExactly("start listener-tcp", "start listener-unix", "start storage-lmdb", "start worker",
                "start admin (not warmed up)", "start fabric", "start ingress");
        kernel.stop(Duration.ofSeconds(10));
    }

    @Test
    void dependencyCyclesAreRefusedByName() {
        List<String> events = new ArrayList<>();
        PluginFactory a = new TestPlugins.Factory("alpha", PluginKind.ENGINE, Set.of(B.class), Set.of(A.class), List.of(), events);
        PluginFactory b = new TestPlugins.Factory("beta", PluginKind.ENGINE, Set.of(A.class), Set.of(B.class), List.of(), events);
        PluginFactory c = new TestPlugins.Factory("gamma", PluginKind.ENDPOINT, Set.of(), Set.of(), List.of(), events);
        assertThatThrownBy(() -> StartOrder.of(List.of(c, a, b))).hasMessage("dependency cycle among plugins: alpha -> beta -> alpha");
    }

    @Test
    void aDependencyOverridesThePhaseOrder() {
        List<String> events = new ArrayList<>();
        PluginFactory endpoint = new TestPlugins.Factory("early", PluginKind.ENDPOINT, Set.of(), Set.of(A.class), List.of(), events);
        PluginFactory engine = new TestPlugins.Factory("late", PluginKind.ENGINE, Set.of(A.class), Set.of(), List.of(), events);
        assertThat(StartOrder.of(List.of(engine, endpoint))).extracting(PluginFactory::id).containsExactly("early", "late");
    }

    @Test
    void aUsedServiceOrdersItsProviderFirstAndIsNotRequired() {
        List<String> events = new ArrayList<>();
        PluginFactory user = new TestPlugins.Factory("query", PluginKind.ENGINE, Set.of(), Set.of(), List.of(), events) {
            @Override
            public Set<Class<?>> uses() {
                return Set.of(A.class);
            }
        };
        PluginFactory provider = new TestPlugins.Factory("zulu", PluginKind.ENGINE, Set.of(), Set.of(A.class), List.of(), events);
        assertThat(StartOrder.of(List.of(user, provider))).extracting(PluginFactory::id).containsExactly("zulu", "query");
        assertThat(StartOrder.of(List.of(user))).extracting(PluginFactory::id).containsExactly("query");
    }

    @Test
    void duplicateIdsAreRefusedNamingBoth() {
        List<String> events = new ArrayList<>();
        PluginFactory one = new TestPlugins.Factory("admin", PluginKind.ENDPOINT, Set.of(), Set.of(), List.of(), events);
        PluginFactory two = new TestPlugins.Factory("admin", PluginKind.ENDPOINT, Set.of(), Set.of(), List.of(), events);
        assertThatThrownBy(() -> PluginCatalog.of(List.of(new PluginCatalog.Installed(one, "plugins/admin"), new PluginCatalog.Installed(two, "plugins/admin2"))))
                .hasMessageContaining("two plugins have the id \"admin\"")
                .hasMessageContaining("(plugins/admin) and")
                .hasMessageContaining("(plugins/admin2)");
    }

    @Test
    void pluginsBuiltForAnotherSpiVersionAreRefused() {
        TestPlugins.Factory old = new TestPlugins.Factory("worker", PluginKind.ENGINE, Set.of(), Set.of(), List.of(), new ArrayList<>());
        assertThatThrownBy(() -> PluginCatalog.of(List.of(new PluginCatalog.Installed(old, "plugins/worker", java.util.OptionalInt.of(0)))))
                .hasMessage("plugin worker (plugins/worker) was built for SPI version 0, but this kernel speaks version " + PluginFactory.SPI_VERSION);
    }

    @Test
    void declarationsTheKernelCannotHonourAreRefusedByName() {
        PluginFactory sql = new TestPlugins.Factory("sql", PluginKind.ENDPOINT, Set.of(), Set.of(), List.of(), new ArrayList<>())
                .declaring(Set.of("wroker"));
        assertThatThrownBy(() -> TestPlugins.catalog(List.of(sql)))
                .hasMessage("plugin sql (test) declares the role \"wroker\", which is not a Restate role; "
                        + "roles are admin, worker, http-ingress, log-server, metadata-server; did you mean \"worker\"?");
        PluginFactory one = new TestPlugins.Factory("pgwire", PluginKind.ENDPOINT, Set.of(), Set.of(), List.of(), new ArrayList<>())
                .declaring(Set.of("admin"), dev.resolute.spi.NetworkService.of("pgwire", 9071));
        PluginFactory two = new TestPlugins.Factory("pgwire2", PluginKind.ENDPOINT, Set.of(), Set.of(), List.of(), new ArrayList<>())
                .declaring(Set.of("admin"), dev.resolute.spi.NetworkService.of("pgwire", 9072));
        assertThatThrownBy(() -> TestPlugins.catalog(List.of(one, two))).hasMessage("plugins pgwire and pgwire2 both declare the network service pgwire");
    }

    @Test
    void anUnmetRequirementIsAConfigProblem() {
        List<TestPlugins.Factory> plugins = new ArrayList<>(TestPlugins.standard(new ArrayList<>(), false));
        plugins.removeIf(p -> p.id().equals("storage-lmdb"));
        plugins.add(new TestPlugins.Factory("storage-lmdb", PluginKind.STORAGE, Set.of(), Set.of(), List.of(), new ArrayList<>()));
        assertThatThrownBy(() -> Main.resolve(CommandLine.parse(), java.util.Map.of(), TestPlugins.catalog(plugins)))
                .hasMessageContaining("plugin worker requires Store, which no selected plugin provides");
    }

    private static Settings settings() {
        return Main.resolve(CommandLine.parse(), java.util.Map.of(), TestPlugins.catalog(TestPlugins.standard(new ArrayList<>(), false))).settings();
    }

    private static NodeInfo node() {
        return new NodeInfo("n", "c", Path.of("/tmp/n"));
    }
}
