package dev.resolute.testservices.java;

import dev.restate.sdk.Context;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Service;
import dev.restate.sdk.endpoint.definition.InvocationRetryPolicy;
import dev.restate.sdk.endpoint.definition.ServiceDefinition;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Handlers for invocation management through the admin API: each appends a line of event, tag and invocation id to
 * the exec log when an attempt starts, so a test learns the id of the invocation it waits on and counts attempts.
 * (No quotes or angle brackets here: sdk-api-gen copies this text into a Java string without escaping them right.)
 */
@Service
public class JavaManaged {
    /** Tags whose failure a test cleared, kept in memory: only this process sees the retries. */
    private static final Set<String> FIXED = ConcurrentHashMap.newKeySet();

    /** Two attempts of {@link #flaky}, then the invocation pauses until the admin API resumes it. */
    static final Consumer<ServiceDefinition.Configurator> PAUSE_AFTER_TWO_ATTEMPTS = service -> service.configureHandler("flaky",
            handler -> handler.invocationRetryPolicy(InvocationRetryPolicy.builder().maxAttempts(2)
                    .initialInterval(Duration.ofMillis(50)).onMaxAttempts(InvocationRetryPolicy.OnMaxAttempts.PAUSE)));

    @Handler
    public String sleep(Context ctx, String tag) {
        log(ctx, "sleep", tag);
        ctx.sleep(Duration.ofMinutes(2));
        return "slept";
    }

    /** Awaits an awakeable nobody completes. */
    @Handler
    public String await(Context ctx, String tag) {
        log(ctx, "await", tag);
        return ctx.awakeable(String.class).await();
    }

    /** Fails with a retryable exception until the test fixes its tag. */
    @Handler
    public String flaky(Context ctx, String tag) {
        log(ctx, "flaky", tag);
        if (!FIXED.contains(tag)) {
            throw new IllegalStateException(tag + " is broken");
        }
        return "fixed " + tag;
    }

    @Handler
    public String fix(Context ctx, String tag) {
        FIXED.add(tag);
        return "fixed";
    }

    private static void log(Context ctx, String event, String tag) {
        ExecLog.append(event + " " + tag + " " + ctx.request().invocationId());
    }
}
