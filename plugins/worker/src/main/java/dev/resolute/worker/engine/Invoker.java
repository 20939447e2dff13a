package dev.resolute.worker.engine;

import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.engine.pb.Frame;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;

/**
 * Runs attempts concurrently, at most {@code concurrent-invocations-limit} at a time, and routes
 * stored notifications to the attempt that is streaming for their invocation.
 */
final class Invoker {
    private final Storage storage;
    private final Tables tables;
    private final Targets targets;
    private final Partitions partitions;
    private final HttpClient client;
    private final InvokerSettings settings;
    private final Executor executor;
    private final Semaphore slots;
    private final Map<ByteBuffer, Attempt> live = new ConcurrentHashMap<>();
    /** One sweep over the live attempts for their timeouts, instead of a scheduled task per attempt. */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "attempt-watchdog");
        t.setDaemon(true);
        return t;
    });

    Invoker(Storage storage, Tables tables, Targets targets, Partitions partitions, HttpClient client, InvokerSettings settings, Executor executor) {
        this.storage = storage;
        this.tables = tables;
        this.targets = targets;
        this.partitions = partitions;
        this.client = client;
        this.settings = settings;
        this.executor = executor;
        this.slots = new Semaphore(settings.concurrencyLimit());
        watchdog.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            live.values().forEach(attempt -> attempt.checkTimeouts(now));
        }, 200, 200, TimeUnit.MILLISECONDS);
    }

    void stop() {
        watchdog.shutdownNow();
    }

    void start(byte[] invocationId, long epoch) {
        Attempt attempt = new Attempt(invocationId, epoch, storage, tables, targets, partitions, client, settings);
        ByteBuffer key = ByteBuffer.wrap(invocationId);
        executor.execute(() -> {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            live.put(key, attempt);
            try {
                attempt.run();
            } finally {
                live.remove(key, attempt);
                slots.release();
            }
        });
    }

    void notify(byte[] invocationId, long epoch, List<Frame> frames) {
        Attempt attempt = live.get(ByteBuffer.wrap(invocationId));
        if (attempt != null && attempt.epoch() == epoch) {
            attempt.send(frames);
        }
    }
}
