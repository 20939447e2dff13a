package dev.resolute.spi;

/**
 * A started plugin instance.
 *
 * <p>{@link #start()} acquires resources and may publish services through
 * {@link PluginContext#provide}. {@link #stop()} releases them; the kernel also calls it after a
 * {@code start()} that threw, so it must tolerate a half-finished start and must be idempotent.
 */
public interface Component {

    /**
     * Loads what {@link #start()} will need without acquiring anything: classes, native libraries, caches.
     * The kernel calls it for every plugin at once, on other threads, while earlier plugins start, so slow
     * one-time work leaves the single-file start path; {@link #start()} runs after it returned. A failure is
     * only logged: {@link #start()} meets the real problem and reports it.
     */
    default void warmUp() throws Exception {
    }

    /** Acquires resources. Throwing aborts the server start; already-started plugins are stopped in reverse. */
    void start() throws Exception;

    /** Releases resources, also after a failed or partial {@link #start()}. */
    void stop() throws Exception;
}
