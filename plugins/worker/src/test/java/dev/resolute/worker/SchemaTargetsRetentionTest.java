package dev.resolute.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.HandlerType;
import dev.resolute.spi.schema.HttpVersion;
import dev.resolute.spi.schema.InputRules;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.OutputRules;
import dev.resolute.spi.schema.ProtocolMode;
import dev.resolute.spi.schema.ResolvedService;
import dev.resolute.spi.schema.RetryOverrides;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceType;
import dev.resolute.worker.engine.pb.Invoke;
import dev.resolute.worker.fsm.RetryPolicy;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Resolving a target fills the invocation's retention from the manifest and the server defaults, per its idempotency key. */
class SchemaTargetsRetentionTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final RetentionSettings DEFAULTS = new RetentionSettings(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(2),
            Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofHours(1));

    private final SchemaTargets targets = new SchemaTargets(schemas(
            service("Orders", ServiceType.SERVICE, retentions(Duration.ofMinutes(5), null, null), handler("place", HandlerType.EXCLUSIVE, InvocationOptions.NONE)),
            service("Signup", ServiceType.WORKFLOW, InvocationOptions.NONE, handler("run", HandlerType.WORKFLOW, retentions(null, null, Duration.ofHours(3))),
                    handler("status", HandlerType.SHARED, InvocationOptions.NONE))),
            6, new RetryPolicy(Duration.ofMillis(500), 2.0, 70, Duration.ofMinutes(1), true), DEFAULTS);

    @Test
    void aCallWithoutIdempotencyKeyKeepsItsResultForTheJournalRetention() {
        Invoke invoke = targets.resolve("Orders", "place", "");
        assertThat(invoke.getIdempotencyKey()).isEmpty();
        assertThat(invoke.getCompletionRetentionMs()).isEqualTo(DAY);
        assertThat(invoke.getJournalRetentionMs()).isEqualTo(DAY);
    }

    @Test
    void anIdempotencyKeyKeepsTheResultForTheServicesIdempotencyRetention() {
        Invoke invoke = targets.resolve("Orders", "place", "", "k-1");
        assertThat(invoke.getIdempotencyKey()).isEqualTo("k-1");
        assertThat(invoke.getCompletionRetentionMs()).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(invoke.getJournalRetentionMs()).as("the journal no longer than the result").isEqualTo(Duration.ofMinutes(5).toMillis());
    }

    @Test
    void aWorkflowsRunKeepsItsResultForTheWorkflowCompletionRetentionAndItsOtherHandlersDoNot() {
        Invoke run = targets.resolve("Signup", "run", "user-1");
        assertThat(run.getCompletionRetentionMs()).isEqualTo(Duration.ofHours(3).toMillis());
        assertThat(run.getJournalRetentionMs()).isEqualTo(Duration.ofHours(3).toMillis());
        Invoke shared = targets.resolve("Signup", "status", "user-1");
        assertThat(shared.getCompletionRetentionMs()).isEqualTo(DAY);
    }

    private static InvocationOptions retentions(Duration idempotency, Duration journal, Duration workflowCompletion) {
        return new InvocationOptions(Optional.empty(), Optional.empty(), Optional.ofNullable(idempotency), Optional.ofNullable(journal),
                Optional.ofNullable(workflowCompletion), Optional.empty(), RetryOverrides.NONE);
    }

    private static Handler handler(String name, HandlerType type, InvocationOptions options) {
        return new Handler(name, type, true, InputRules.ANY, OutputRules.JSON, Optional.empty(), Map.of(), options);
    }

    private static Service service(String name, ServiceType type, InvocationOptions options, Handler... handlers) {
        return new Service(name, type, 1, "dp_1", true, List.of(handlers), Optional.empty(), Map.of(), options);
    }

    /** A registry of one deployment holding {@code services}; only {@link Schemas#resolve} is used. */
    private static Schemas schemas(Service... services) {
        Deployment deployment = new Deployment("dp_1", URI.create("http://127.0.0.1:9080"), HttpVersion.HTTP_2, ProtocolMode.BIDI_STREAM,
                5, 6, Map.of(), Map.of(), Optional.empty(), Instant.EPOCH, List.of(services));
        return (Schemas) Proxy.newProxyInstance(Schemas.class.getClassLoader(), new Class<?>[] {Schemas.class}, (proxy, method, args) -> {
            if (!method.getName().equals("resolve")) {
                throw new UnsupportedOperationException(method.getName());
            }
            return List.of(services).stream().filter(s -> s.name().equals(args[0])).findFirst().map(s -> new ResolvedService(s, deployment));
        });
    }
}
