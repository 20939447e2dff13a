package dev.resolute.worker;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.browse.InvocationBrowser;
import dev.resolute.spi.browse.InvocationChanges;
import dev.resolute.worker.browse.DetailReads;
import dev.resolute.worker.browse.EngineBrowser;
import dev.resolute.worker.browse.InvocationLists;
import dev.resolute.spi.invocation.EngineInfo;
import dev.resolute.spi.invocation.PartitionStatus;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.invocation.Invocations;
import dev.resolute.spi.invocation.ObjectStates;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.OnMaxAttempts;
import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.spi.schema.RetryOverrides;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.query.IntrospectionTables;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.Engine;
import dev.resolute.worker.engine.InvokerSettings;
import dev.resolute.worker.fsm.RetryPolicy;
import dev.resolute.worker.introspection.EngineIntrospection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The worker's lifecycle: builds the engine from configuration, starts it, publishes it. */
final class Worker implements Component {
    private final PluginContext context;
    private final RetentionSettings retention;
    private HttpClient client;
    private ExecutorService platformAttempts;
    private Engine engine;

    /** @throws IllegalArgumentException naming the key, for a value the kernel's checks let through (a config problem) */
    Worker(PluginContext context) {
        this.context = context;
        this.retention = RetentionSettings.from(context.rootConfig(), context.config());
    }

    @Override
    public void start() throws Exception {
        ConfigScope config = context.config();
        ConfigScope root = context.rootConfig();
        long messageLimit = config.getBytes("invoker.message-size-limit");
        InvokerSettings settings = new InvokerSettings(
                config.getDuration("invoker.inactivity-timeout"),
                config.getDuration("invoker.abort-timeout"),
                config.getInt("invoker.concurrent-invocations-limit"),
                messageLimit,
                config.find("invoker.eager-state-size-limit").map(dev.resolute.spi.ByteSizes::parse).orElse(messageLimit),
                root.getBoolean("experimental-enable-protocol-v7") ? 7 : 6,
                context.node().clusterName());
        RetryPolicy retry = new RetryPolicy(root.getDuration("default-retry-policy.initial-interval"),
                Double.parseDouble(root.getString("default-retry-policy.exponentiation-factor")),
                root.getInt("default-retry-policy.max-attempts"),
                root.getDuration("default-retry-policy.max-interval"),
                root.getString("default-retry-policy.on-max-attempts").equals("pause"));

        ClientConnector connector = new ClientConnector();
        HttpClientTransport transport = new HttpClientTransportDynamic(connector, HttpClientConnectionFactory.HTTP11,
                new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector)));
        client = new HttpClient(transport);
        client.setExecutor(clientThreads());
        client.setMaxConnectionsPerDestination(Math.max(64, settings.concurrencyLimit()));
        client.setConnectTimeout(10_000);
        client.start();
        // an SDK refusing the request identity answers a bare 401: the attempt reports that status (Jetty's
        // authentication handler, added by start, would call it a protocol violation)
        client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);

        Executor attempts = VirtualThreads.getNamedVirtualThreadsExecutor("attempt");
        if (attempts == null) { // JDK 17: no virtual threads, a growing pool of platform threads
            platformAttempts = Executors.newCachedThreadPool();
            attempts = platformAttempts;
        }
        Storage storage = context.require(Storage.class);
        Schemas schemas = context.require(Schemas.class);
        engine = new Engine(storage, new SchemaTargets(schemas, settings.maxProtocolVersion(), retry, retention), client,
                context.require(RequestIdentity.class), attempts,
                root.getInt("default-num-partitions"), settings, retry, context.health());
        engine.start();
        engine.startCleanup(retention.cleanupInterval());
        context.provide(Invocations.class, engine);
        context.provide(ObjectStates.class, engine);
        context.provide(InvocationControl.class, engine.control());
        Function<String, Optional<String>> sdkOf = deployment -> schemas.deployment(deployment).flatMap(Deployment::sdkVersion);
        context.provide(IntrospectionTables.class, new EngineIntrospection(storage, engine::inFlight, sdkOf));
        context.provide(InvocationChanges.class, engine.changes());
        InvocationLists lists = new InvocationLists(storage, root.getInt("default-num-partitions"), engine::inFlight, sdkOf);
        context.provide(InvocationBrowser.class, new EngineBrowser(lists, new DetailReads(storage)));
        InvocationOptions defaults = serverDefaults(settings, retry, retention);
        Engine running = engine;
        context.provide(EngineInfo.class, new EngineInfo() {
            @Override
            public InvocationOptions defaults() {
                return defaults;
            }

            @Override
            public List<PartitionStatus> partitions() {
                return running.partitionStatus();
            }
        });
    }

    /**
     * The client's own threads: Jetty's default pool grows to a hundred threads under 64 concurrent
     * HTTP/2 streams. Its tasks never block for long (responses are read on the attempts' threads), so a
     * few per core serve, and Jetty runs a task in the producing thread when none is free.
     */
    private static QueuedThreadPool clientThreads() {
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()), 2);
        pool.setName("invoker-http");
        return pool;
    }

    /** What this engine applies where a service sets nothing, for the admin API to show (through {@link EngineInfo}). */
    private static InvocationOptions serverDefaults(InvokerSettings settings, RetryPolicy retry, RetentionSettings retention) {
        RetryOverrides retryDefaults = new RetryOverrides(Optional.of(retry.initialInterval()), Optional.of(retry.factor()),
                Optional.of(retry.maxAttempts()), Optional.of(retry.maxInterval()),
                Optional.of(retry.pauseWhenExhausted() ? OnMaxAttempts.PAUSE : OnMaxAttempts.KILL));
        return new InvocationOptions(Optional.of(settings.inactivityTimeout()), Optional.of(settings.abortTimeout()),
                Optional.of(retention.defaultIdempotency()), Optional.of(retention.defaultJournal()),
                Optional.of(retention.defaultWorkflowCompletion()), Optional.empty(), retryDefaults);
    }

    @Override
    public void stop() throws Exception {
        if (engine != null) {
            engine.stop();
            engine = null;
        }
        if (client != null) {
            client.stop();
            client = null;
        }
        if (platformAttempts != null) {
            platformAttempts.shutdownNow();
            platformAttempts = null;
        }
    }
}
