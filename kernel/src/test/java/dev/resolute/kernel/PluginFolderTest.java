package dev.resolute.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.ServiceListen;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.eclipse.jetty.http.HttpFieldPreEncoder;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin folders as the distribution installs them, built here as real jars: a new plugin with its own
 * listener section starts with no kernel change, a jar built for another SPI version is refused by name,
 * and a plugin's own copy of a library the kernel also carries is the one it sees.
 */
class PluginFolderTest {
    /** The probe plugin: role admin, network service {@code [probe]} on 9071, answers with its library's greeting. */
    private static final String PROBE = """
            package com.example.probe;

            import com.example.greeting.Greeting;
            import dev.resolute.spi.*;
            import java.nio.ByteBuffer;
            import java.nio.charset.StandardCharsets;
            import java.util.List;
            import java.util.Set;
            import org.eclipse.jetty.server.Handler;
            import org.eclipse.jetty.server.Request;
            import org.eclipse.jetty.server.Response;
            import org.eclipse.jetty.util.Callback;

            public final class ProbeFactory implements PluginFactory {
                public String id() { return "probe"; }
                public PluginKind kind() { return PluginKind.ENDPOINT; }
                public Set<String> roles() { return Set.of("admin"); }
                public List<NetworkService> networkServices() { return List.of(NetworkService.of("probe", 9071)); }
                public List<ConfigKey> configKeys() {
                    return List.of(ConfigKey.of("greeting", ConfigType.STRING, Greeting.text(), "what the probe answers"));
                }
                public Component create(PluginContext context) {
                    byte[] greeting = context.config().getString("greeting").getBytes(StandardCharsets.UTF_8);
                    return new Component() {
                        public void start() {
                            context.http().mount("probe", new Handler.Abstract() {
                                public boolean handle(Request request, Response response, Callback callback) {
                                    response.write(true, ByteBuffer.wrap(greeting), callback);
                                    return true;
                                }
                            });
                        }
                        public void stop() { }
                    };
                }
            }
            """;

    /** The jars, compiled once for all tests (javac is the slow part). */
    @TempDir
    static Path built;
    private static Path libGreeting;
    private static Path ownGreeting;
    private static Map<String, Path> probes;
    private static Path libFactory;

    @TempDir
    Path dir;
    private Path pluginsDir;
    private ClassLoader kernelLoader;

    @BeforeAll
    static void buildJars() throws IOException {
        libGreeting = PluginJars.build(built.resolve("lib/greeting-1.jar"), Map.of("com.example.greeting.Greeting", greeting("from lib")),
                List.of(), Map.of(), Map.of());
        ownGreeting = PluginJars.build(built.resolve("plugin/greeting-2.jar"), Map.of("com.example.greeting.Greeting", greeting("from the plugin")),
                List.of(), Map.of(), Map.of());
        List<Path> classPath = List.of(PluginJars.locationOf(PluginFactory.class), PluginJars.locationOf(Handler.class),
                PluginJars.locationOf(Callback.class), PluginJars.locationOf(Content.class), PluginJars.locationOf(HttpFields.class), ownGreeting);
        Map<String, String> services = Map.of("META-INF/services/dev.resolute.spi.PluginFactory", "com.example.probe.ProbeFactory\n");
        probes = Map.of(
                "current", PluginJars.build(built.resolve("current/probe-1.0.jar"), Map.of("com.example.probe.ProbeFactory", PROBE), classPath,
                        Map.of(PluginFactory.SPI_VERSION_ATTRIBUTE, String.valueOf(PluginFactory.SPI_VERSION)), services),
                "spi-1", PluginJars.build(built.resolve("spi-1/probe-1.0.jar"), Map.of("com.example.probe.ProbeFactory", PROBE), classPath,
                        Map.of(PluginFactory.SPI_VERSION_ATTRIBUTE, "1"), services),
                "unversioned", PluginJars.build(built.resolve("unversioned/probe-1.0.jar"), Map.of("com.example.probe.ProbeFactory", PROBE), classPath,
                        Map.of(), services));
        String factory = """
                package com.example.lib;
                public final class LibFactory implements dev.resolute.spi.PluginFactory {
                    public String id() { return "from-lib"; }
                    public dev.resolute.spi.PluginKind kind() { return dev.resolute.spi.PluginKind.ENGINE; }
                    public dev.resolute.spi.Component create(dev.resolute.spi.PluginContext context) { throw new UnsupportedOperationException(); }
                }
                """;
        libFactory = PluginJars.build(built.resolve("lib/lib-factory.jar"), Map.of("com.example.lib.LibFactory", factory),
                List.of(PluginJars.locationOf(PluginFactory.class)), Map.of(),
                Map.of("META-INF/services/dev.resolute.spi.PluginFactory", "com.example.lib.LibFactory\n"));
    }

    private static String greeting(String text) {
        return "package com.example.greeting; public final class Greeting { public static String text() { return \"" + text + "\"; } }";
    }

    /** The kernel's class loader with the greeting library in its {@code lib/}, answering "from lib". */
    @BeforeEach
    void kernelWithTheLibrary() throws IOException {
        kernelLoader = new URLClassLoader(new URL[] {libGreeting.toUri().toURL()}, PluginFolderTest.class.getClassLoader());
        pluginsDir = dir.resolve("plugins");
    }

    /** Installs {@code plugins/probe/}: a probe jar ({@code current}, {@code spi-1} or {@code unversioned}) and its own greeting library. */
    private void installProbe(String build) throws IOException {
        Path folder = Files.createDirectories(pluginsDir.resolve("probe"));
        Files.copy(ownGreeting, folder.resolve(ownGreeting.getFileName()));
        Files.copy(probes.get(build), folder.resolve("probe-1.0.jar"));
    }

    /** The test plugins on the class path (with a real TCP listener) plus every plugin folder. */
    private PluginCatalog catalog() {
        List<PluginCatalog.Installed> installed = new ArrayList<>();
        TestPlugins.standard(new ArrayList<>(), false).stream().filter(f -> !f.id().equals("listener-tcp"))
                .forEach(f -> installed.add(new PluginCatalog.Installed(f, "class path")));
        installed.add(new PluginCatalog.Installed(new TestTcpListener(), "class path"));
        installed.addAll(PluginCatalog.inFolders(kernelLoader, pluginsDir));
        return PluginCatalog.of(installed);
    }

    @Test
    void aNewPluginFolderStartsWithItsOwnListenerSectionAndNoKernelChange() throws Exception {
        installProbe("current");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path toml = Files.writeString(dir.resolve("restate.toml"), "[probe]\nuse-random-ports = false\nbind-port = " + port + "\n");
        CommandLine commandLine = CommandLine.parse("-c", toml.toString(), "--use-random-ports", "--listen-mode=tcp", "--bind-ip=127.0.0.1",
                "--no-logo", "--node-name=n1", "--base-dir=" + dir.resolve("data"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Kernel kernel = Main.launch(commandLine, Main.resolve(commandLine, Map.of(), catalog()), new PrintStream(printed, true, StandardCharsets.UTF_8),
                System.nanoTime());
        try {
            assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                    .contains("probe.tcp=127.0.0.1:" + port, "probe.advertised=http://127.0.0.1:" + port + "/")
                    .anyMatch(line -> line.startsWith("fabric.tcp=127.0.0.1:"));
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("from the plugin");
        } finally {
            kernel.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void aPluginServingARoleTheNodeDoesNotRunIsNotSelectedAndItsSectionStaysValid() throws IOException {
        installProbe("current");
        Path toml = Files.writeString(dir.resolve("restate.toml"), "[probe]\nbind-port = 19071\n");
        Main.Resolved resolved = Main.resolve(CommandLine.parse("-c", toml.toString(), "--roles=worker"), Map.of(), catalog());
        assertThat(resolved.plugins()).extracting(PluginFactory::id).doesNotContain("probe", "admin", "ingress").contains("worker", "fabric");
        assertThat(resolved.listens()).extracting(ServiceListen::service).containsExactly("fabric");
        assertThat(resolved.settings().get("probe.bind-port")).isEqualTo("19071");
    }

    @Test
    void aPluginJarBuiltForAnotherSpiVersionIsRefusedByName() throws IOException {
        installProbe("spi-1");
        assertThatThrownBy(() -> PluginCatalog.discover(kernelLoader, Optional.of(pluginsDir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("plugin probe (" + pluginsDir.resolve("probe") + ") was built for SPI version 1, but this kernel speaks version "
                        + PluginFactory.SPI_VERSION);
    }

    @Test
    void aPluginJarNamingNoSpiVersionIsRefusedByName() throws IOException {
        installProbe("unversioned");
        assertThatThrownBy(() -> PluginCatalog.discover(kernelLoader, Optional.of(pluginsDir)))
                .hasMessage("plugin probe (" + pluginsDir.resolve("probe") + ") names no SPI version: its jar's manifest lacks Resolute-SPI-Version; "
                        + "rebuild it against SPI version " + PluginFactory.SPI_VERSION);
    }

    @Test
    void aPluginSeesItsOwnCopyOfALibraryTheKernelAlsoCarries() throws Exception {
        installProbe("current");
        PluginFactory probe = PluginCatalog.discover(kernelLoader, Optional.of(pluginsDir)).find("probe").orElseThrow();
        assertThat(kernelLoader.loadClass("com.example.greeting.Greeting").getMethod("text").invoke(null)).isEqualTo("from lib");
        assertThat(probe.configKeys().get(0).defaultValue()).isEqualTo("from the plugin");
        // the SPI and Jetty are the kernel's: the probe's types are the ones the kernel calls it through
        ClassLoader pluginLoader = probe.getClass().getClassLoader();
        assertThat(pluginLoader.loadClass(PluginFactory.class.getName())).isSameAs(PluginFactory.class);
        assertThat(pluginLoader.loadClass(Handler.class.getName())).isSameAs(Handler.class);
        // and the kernel's own classes are invisible to it
        assertThatThrownBy(() -> pluginLoader.loadClass(Main.class.getName())).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aFolderListsOnlyItsOwnFactoriesButSeesTheKernelsProvidersOfSharedLibraryTypes() throws Exception {
        kernelLoader = new URLClassLoader(new URL[] {libFactory.toUri().toURL()}, kernelLoader);
        installProbe("current");

        // the kernel's factory is not the folder's (nor loadable through it, which would break the folder's ServiceLoader)
        List<PluginCatalog.Installed> inFolder = PluginCatalog.inFolders(kernelLoader, pluginsDir);
        assertThat(inFolder).extracting(i -> i.factory().id()).containsExactly("probe");
        assertThat(PluginCatalog.discover(kernelLoader, Optional.of(pluginsDir)).ids()).containsExactly("from-lib", "probe");
        // Jetty looks its providers up through the thread's context loader, which is the plugin's while plugin code runs
        ClassLoader pluginLoader = inFolder.get(0).factory().getClass().getClassLoader();
        assertThat(ServiceLoader.load(HttpFieldPreEncoder.class, pluginLoader).stream().map(p -> p.type().getName()))
                .contains("org.eclipse.jetty.http.Http11FieldPreEncoder", "org.eclipse.jetty.http2.hpack.HpackFieldPreEncoder");
    }
}
