package dev.resolute.kernel;

import dev.resolute.spi.BoundAddress;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.ServiceListen;
import dev.resolute.spi.Transport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code restate-server}: parse flags, resolve configuration, select plugins, run until signalled. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    static final int EXIT_CONFIG = 2;
    static final int EXIT_START = 1;

    private Main() {
    }

    public static void main(String[] args) {
        long startedAt = System.nanoTime();
        warmTrustStore();
        Optional<Running> running;
        try {
            running = boot(args, System.getenv(), System.out, startedAt);
        } catch (ConfigProblems e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        } catch (Kernel.StartFailure e) {
            System.err.println("error: " + e.getMessage());
            System.exit(EXIT_START);
            return;
        }
        if (running.isEmpty()) {
            System.exit(0); // --help, --version, --dump-config
            return;
        }
        running.get().awaitShutdown();
    }

    /**
     * Plugins' HTTP clients (discovery, invoker) load the JDK's trust store when they start, a tenth of a
     * second of parsing certificates. Loading it on a second core while the plugins start one after the
     * other takes it off the start path; the JDK keeps it for everyone after.
     */
    private static void warmTrustStore() {
        Thread warmer = new Thread(() -> {
            try {
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm()).init((java.security.KeyStore) null);
            } catch (java.security.GeneralSecurityException e) {
                LOG.debug("trust store warm-up failed; the clients will load it themselves", e);
            }
        }, "trust-store-warmup");
        warmer.setDaemon(true);
        warmer.start();
    }

    /** A started server: stops on SIGTERM/SIGINT within the shutdown timeout. */
    static final class Running {
        private final CountDownLatch stopped = new CountDownLatch(1);

        Running(Kernel kernel, Duration shutdownTimeout) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("shutting down");
                kernel.stop(shutdownTimeout);
                stopped.countDown();
            }, "resolute-shutdown"));
        }

        void awaitShutdown() {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Optional<Running> boot(String[] args, Map<String, String> env, PrintStream out, long startedAt) {
        CommandLine commandLine = CommandLine.parse(args);
        if (commandLine.has("--help")) {
            out.print(CommandLine.usage());
            return Optional.empty();
        }
        if (commandLine.has("--version")) {
            out.println("restate-server (Resolute) " + version());
            return Optional.empty();
        }
        PluginCatalog catalog = PluginCatalog.discover(Main.class.getClassLoader(),
                Optional.ofNullable(System.getProperty("resolute.home")).map(h -> Path.of(h, "plugins")));
        Resolved resolved = resolve(commandLine, env, catalog);
        if (commandLine.has("--dump-config")) {
            out.print(TomlDump.of(resolved.settings()));
            return Optional.empty();
        }
        Kernel kernel = launch(commandLine, resolved, out, startedAt);
        return Optional.of(new Running(kernel, (Duration) resolved.settings().parsed("shutdown-timeout")));
    }

    /**
     * Starts the resolved plugins, prints the bound addresses to {@code out}, and returns the running kernel.
     *
     * @throws ConfigProblems    if plugins refuse their configuration
     * @throws Kernel.StartFailure naming the plugin that failed to start, after stopping what had started
     */
    static Kernel launch(CommandLine commandLine, Resolved resolved, PrintStream out, long startedAt) {
        if (!commandLine.has("--no-logo")) {
            out.print(Banner.LOGO);
        }
        NodeInfo node = resolved.node();
        KernelHttpHost host = new KernelHttpHost(resolved.listens(), resolved.plan());
        // The address lines come first, also when stdout and stderr share a terminal (the networking seed's
        // promise to scripts and users); what the log has to say about the start follows them.
        AtomicBoolean printed = new AtomicBoolean();
        Kernel kernel;
        try {
            createNodeDirectory(node);
            kernel = Kernel.create(StartOrder.of(resolved.plugins()), resolved.settings(), node, host); // warm-ups begin
            kernel.start(() -> {
                printAddresses(out, host, resolved.listens());
                printed.set(true);
                logStart(resolved);
            });
        } catch (RuntimeException e) {
            if (!printed.get()) {
                logStart(resolved); // the warnings may explain the failure
            }
            throw e;
        }
        LOG.info("Resolute {} ready: node {} in {}, {} plugins, started in {} ms", version(), node.nodeName(), node.dataDir(),
                resolved.plugins().size(), (System.nanoTime() - startedAt) / 1_000_000);
        return kernel;
    }

    private static void createNodeDirectory(NodeInfo node) {
        try {
            Files.createDirectories(node.dataDir());
        } catch (IOException e) {
            throw new Kernel.StartFailure("cannot create the node directory " + node.dataDir() + ": " + e.getMessage(), e);
        }
    }

    /** Everything decided from configuration before anything starts. */
    record Resolved(Settings settings, NetworkPlan plan, NodeInfo node, List<ServiceListen> listens, List<dev.resolute.spi.PluginFactory> plugins,
            List<String> installed, List<String> warnings) {
    }

    /**
     * Layers and validates configuration and selects plugins, collecting every problem.
     *
     * @throws ConfigProblems with all problems found
     */
    static Resolved resolve(CommandLine commandLine, Map<String, String> env, PluginCatalog catalog) {
        ConfigSchema schema = new ConfigSchema(catalog.factories());
        ConfigSchema.Result validated = schema.validate(ConfigLayers.load(commandLine, env));
        Settings settings = validated.settings();
        List<String> problems = new ArrayList<>(validated.problems());
        List<String> warnings = new ArrayList<>(validated.warnings());
        warnings.addAll(SizeLimits.apply(settings));
        if (settings.find("node-name").isEmpty()) {
            settings.derive("node-name", hostName(), "default: host name");
        }
        NetworkPlan plan = new NetworkPlan(settings, NetworkPlan.declared(catalog.factories()));
        List<ServiceListen> listens = new ArrayList<>();
        List<dev.resolute.spi.PluginFactory> plugins = List.of();
        if (problems.isEmpty()) { // selection reads values that must have parsed
            warnings.addAll(plan.deprecations());
            PluginSelection.Result selection = PluginSelection.select(settings, plan, catalog);
            problems.addAll(selection.problems());
            warnings.addAll(selection.warnings());
            plugins = selection.selected();
            Path dataDir = Path.of(settings.get("base-dir")).toAbsolutePath().normalize().resolve(settings.get("node-name"));
            selection.services().forEach(s -> listens.add(plan.listen(s, dataDir)));
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblems(problems);
        }
        Path dataDir = Path.of(settings.get("base-dir")).toAbsolutePath().normalize().resolve(settings.get("node-name"));
        NodeInfo node = new NodeInfo(settings.get("node-name"), settings.get("cluster-name"), dataDir);
        return new Resolved(settings, plan, node, listens, plugins, catalog.ids(), warnings);
    }

    /** Prints every bound address in a form scripts parse: {@code <service>.<tcp|unix|advertised>=<address>}. */
    private static void printAddresses(PrintStream out, KernelHttpHost host, List<ServiceListen> listens) {
        List<BoundAddress> bound = host.boundAddresses();
        StringBuilder lines = new StringBuilder();
        for (ServiceListen listen : listens) {
            for (Transport transport : List.of(Transport.TCP, Transport.UNIX)) {
                bound.stream().filter(b -> b.service().equals(listen.service()) && b.transport() == transport)
                        .forEach(b -> lines.append(listen.service()).append('.').append(transport.id()).append('=').append(b.address()).append('\n'));
            }
            lines.append(listen.service()).append(".advertised=").append(host.advertised(listen.service()).orElseThrow()).append('\n');
        }
        out.print(lines);
        out.flush();
    }

    /** Logs the plugin selection and configuration warnings; the whole effective configuration only at debug. */
    private static void logStart(Resolved resolved) {
        LOG.info("plugins installed: {}; selected: {}", String.join(", ", resolved.installed()),
                String.join(", ", resolved.plugins().stream().map(dev.resolute.spi.PluginFactory::id).toList()));
        resolved.warnings().forEach(w -> LOG.warn("{}", w));
        if (LOG.isDebugEnabled()) {
            LOG.debug("effective configuration:\n{}", TomlDump.of(resolved.settings()));
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }

    static String version() {
        return Optional.ofNullable(Main.class.getPackage().getImplementationVersion()).orElse("dev");
    }
}
