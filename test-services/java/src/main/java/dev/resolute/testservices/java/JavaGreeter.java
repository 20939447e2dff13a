package dev.resolute.testservices.java;

import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Service;
import dev.restate.sdk.common.TerminalException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A stateless service exercising ctx.run, a durable sleep, a call, retries and a terminal error. */
@Service
public class JavaGreeter {
    /** Attempts of {@link #flaky} per input, kept in memory: only this process sees the retries. */
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    /** Logs a side effect once, sleeps 200 ms (a suspension point), then counts the visit in JavaCounter/name. */
    @Handler
    public String greet(Context ctx, String name) {
        String greeting = ctx.run("greeting", String.class, () -> {
            ExecLog.append("greet " + name);
            return "Hello " + name;
        });
        ctx.sleep(Duration.ofMillis(200));
        long visits = JavaCounterClient.fromContext(ctx, name).add(1L).await();
        return greeting + " #" + visits;
    }

    /** Fails with a retryable exception on its first two attempts for a given key. */
    @Handler
    public String flaky(Context ctx, String key) {
        int attempt = ATTEMPTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (attempt < 3) {
            throw new IllegalStateException("attempt " + attempt + " fails on purpose");
        }
        return "ok after " + attempt;
    }

    @Handler
    public String teapot(Context ctx) {
        throw new TerminalException(418, "not a teapot");
    }
}
