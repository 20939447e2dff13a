package dev.resolute.kernel;

import dev.resolute.spi.Component;
import dev.resolute.spi.Health;
import dev.resolute.spi.NodeInfo;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the selected plugins: creates them all (so configuration errors surface before anything
 * starts), starts them in dependency order — listeners bind first, then storage, engine and
 * endpoints — and only then accepts traffic. Stops in reverse; a failed start undoes what started.
 */
final class Kernel {
    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

    private record Planned(PluginFactory factory, Component component) {
    }

    private final KernelHttpHost host;
    private final List<Planned> planned;
    private final List<Planned> started = new ArrayList<>();
    /** Begun when the components are created, so they overlap everything before and during the start. */
    private final Map<Planned, CompletableFuture<Void>> warmUps;

    private Kernel(KernelHttpHost host, List<Planned> planned) {
        this.host = host;
        this.planned = planned;
        this.warmUps = warmUps(planned);
    }

    /**
     * Creates every plugin's component in start order.
     *
     * @throws ConfigProblems if plugins refuse their configuration
     */
    static Kernel create(List<PluginFactory> ordered, Settings settings, NodeInfo node, KernelHttpHost host) {
        Map<Class<?>, Object> services = new ConcurrentHashMap<>();
        Health health = new Health();
        List<Planned> planned = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (PluginFactory factory : ordered) {
            KernelPluginContext context = new KernelPluginContext(factory, settings, node, host, services, health);
            try {
                planned.add(new Planned(factory, inPluginLoader(factory, () -> factory.create(context))));
            } catch (IllegalArgumentException e) {
                problems.add("plugin " + factory.id() + ": " + e.getMessage());
            } catch (Exception | LinkageError e) {
                throw new StartFailure("plugin " + factory.id() + " could not be created: " + describe(e), e);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblems(problems);
        }
        return new Kernel(host, planned);
    }

    /**
     * Starts every plugin, calls {@code afterBind} once all listeners have bound, then accepts.
     *
     * @throws StartFailure naming the plugin that failed, after stopping what had started
     */
    void start(Runnable afterBind) {
        boolean bindReported = false;
        for (Planned p : planned) {
            if (!bindReported && p.factory().kind() != PluginKind.LISTENER) {
                afterBind.run();
                bindReported = true;
            }
            warmUps.get(p).join();
            long startedAt = System.nanoTime();
            try {
                started.add(p); // stop() must also run after a half-finished start
                inPluginLoader(p.factory(), () -> {
                    p.component().start();
                    return null;
                });
                LOG.debug("started plugin {} in {} ms", p.factory().id(), (System.nanoTime() - startedAt) / 1_000_000);
            } catch (Exception | LinkageError e) { // a plugin's broken class (init error, missing jar) is its failure too
                stopPlugins();
                throw new StartFailure("plugin " + p.factory().id() + " failed to start: " + describe(e), e);
            }
        }
        if (!bindReported) {
            afterBind.run();
        }
        long acceptFrom = System.nanoTime();
        try {
            host.accept();
            LOG.debug("accepting after {} ms", (System.nanoTime() - acceptFrom) / 1_000_000);
        } catch (Exception e) {
            stopPlugins();
            throw new StartFailure("the HTTP server failed to start accepting: " + describe(e), e);
        }
    }

    /** Runs every plugin's {@link Component#warmUp()} on two daemon threads; failures are only logged. */
    private static Map<Planned, CompletableFuture<Void>> warmUps(List<Planned> planned) {
        ExecutorService warmers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "plugin-warm-up");
            t.setDaemon(true);
            return t;
        });
        Map<Planned, CompletableFuture<Void>> out = new java.util.HashMap<>();
        for (Planned p : planned) {
            out.put(p, CompletableFuture.runAsync(() -> {
                try {
                    inPluginLoader(p.factory(), () -> {
                        p.component().warmUp();
                        return null;
                    });
                } catch (Exception | LinkageError e) {
                    LOG.debug("plugin {} warm-up failed: {}", p.factory().id(), describe(e));
                }
            }, warmers));
        }
        warmers.shutdown(); // the queued warm-ups still run; the threads end after them
        return out;
    }

    /** Stops accepting, then stops plugins in reverse, giving up after {@code timeout}. */
    void stop(Duration timeout) {
        Thread stopper = new Thread(() -> {
            try {
                host.stop();
            } catch (Exception e) {
                LOG.warn("stopping the HTTP server: {}", describe(e));
            }
            stopPlugins();
        }, "resolute-stop");
        stopper.start();
        try {
            stopper.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.warn("shutdown-timeout of {} elapsed; exiting with plugins still stopping", dev.resolute.spi.Durations.format(timeout));
        }
    }

    private synchronized void stopPlugins() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Planned p = started.get(i);
            try {
                inPluginLoader(p.factory(), () -> {
                    p.component().stop();
                    return null;
                });
            } catch (Exception e) {
                LOG.warn("plugin {} failed to stop: {}", p.factory().id(), describe(e));
            }
        }
        started.clear();
    }

    /**
     * Runs plugin code with the plugin's class loader as the context loader: libraries inside a
     * plugin folder (lmdbjava extracting its native library, gRPC finding its providers) look
     * their resources up there.
     */
    private static <T> T inPluginLoader(PluginFactory factory, java.util.concurrent.Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(factory.getClass().getClassLoader());
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            if (cause.getMessage() != null && !out.toString().contains(cause.getMessage())) {
                out.append(": ").append(cause.getMessage());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return out.toString();
    }

    /** A plugin failed to start; everything that had started is stopped again. */
    static final class StartFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
