package dev.resolute.worker.engine;

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
import java.util.function.Consumer;

/**
 * Runs attempts concurrently, at most {@code concurrent-invocations-limit} at a time, and routes
 * stored notifications to the attempt that is streaming for their invocation.
 */
final class Invoker {
    private final AttemptContext context;
    private final Executor executor;
    private final Semaphore slots;
    private final Consumer<byte[]> runningChanged;
    private final Map<ByteBuffer, Attempt> live = new ConcurrentHashMap<>();
    /** One sweep over the live attempts for their timeouts, instead of a scheduled task per attempt. */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "attempt-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** @param runningChanged told the invocation's id once an attempt of it started running, and once it ended */
    Invoker(AttemptContext context, Executor executor, Consumer<byte[]> runningChanged) {
        this.context = context;
        this.executor = executor;
        this.runningChanged = runningChanged;
        this.slots = new Semaphore(context.settings().concurrencyLimit());
        watchdog.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            live.values().forEach(attempt -> attempt.checkTimeouts(now));
        }, 200, 200, TimeUnit.MILLISECONDS);
    }

    void stop() {
        watchdog.shutdownNow();
    }

    void start(byte[] invocationId, long epoch) {
        Attempt attempt = new Attempt(invocationId, epoch, context);
        ByteBuffer key = ByteBuffer.wrap(invocationId);
        executor.execute(() -> {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            live.put(key, attempt);
            runningChanged.accept(invocationId);
            try {
                attempt.run();
            } finally {
                live.remove(key, attempt);
                slots.release();
                runningChanged.accept(invocationId);
            }
        });
    }

    /** Stops the attempt of this epoch, if it still runs. */
    void abort(byte[] invocationId, long epoch, String reason) {
        Attempt attempt = live.get(ByteBuffer.wrap(invocationId));
        if (attempt != null && attempt.epoch() == epoch) {
            attempt.abort(reason);
        }
    }

    /** Whether an attempt of the invocation runs now (it holds one of the concurrency slots). */
    boolean isRunning(byte[] invocationId) {
        return live.containsKey(ByteBuffer.wrap(invocationId));
    }

    void notify(byte[] invocationId, long epoch, List<Frame> frames) {
        Attempt attempt = live.get(ByteBuffer.wrap(invocationId));
        if (attempt != null && attempt.epoch() == epoch) {
            attempt.send(frames);
        }
    }
}
