package dev.resolute.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.HandlerType;
import dev.resolute.spi.schema.HttpVersion;
import dev.resolute.spi.schema.InputRules;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.OnMaxAttempts;
import dev.resolute.spi.schema.OutputRules;
import dev.resolute.spi.schema.ProtocolMode;
import dev.resolute.spi.schema.RetryOverrides;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceChange;
import dev.resolute.spi.schema.ServiceType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SchemaCodecTest {

    @Property(tries = 300)
    void everyDeploymentReadsBackAsItWasStored(@ForAll("deployments") Deployment deployment) {
        assertThat(SchemaCodec.decode(SchemaCodec.encode(deployment))).isEqualTo(deployment);
    }

    /** Written by the admin plugin's SchemaCodec before the registry became its own plugin: the same bytes, both ways. */
    @Test
    void readsAndWritesWhatTheAdminPluginStored() {
        byte[] stored = TestDeployments.resource("stored/deployment-format-1.json");
        Deployment rich = TestDeployments.fromManifest(TestDeployments.resource("manifests/rich-v4.json"), "dp_15rDUa6Wz3jH7EmYegZvFkJ",
                HttpVersion.HTTP_2, 3, "http://127.0.0.1:9080/svc?tenant=a", Instant.parse("2026-11-25T09:46:00.629Z"), "restate-sdk-typescript/1.17.2");
        Deployment expected = new Deployment(rich.id(), rich.uri(), rich.httpVersion(), rich.protocolMode(), rich.minProtocolVersion(),
                rich.maxProtocolVersion(), Map.of("x-tenant", "acme"), Map.of("owner", "team-a"), rich.sdkVersion(), rich.createdAt(), rich.services());

        assertThat(SchemaCodec.decode(stored)).isEqualTo(expected);
        assertThat(new String(SchemaCodec.encode(expected), StandardCharsets.UTF_8)).isEqualTo(new String(stored, StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void everyServiceChangeReadsBackAsItWasStored(@ForAll("changes") ServiceChange change) {
        assertThat(SchemaCodec.decodeChange(SchemaCodec.encodeChange(change))).isEqualTo(change);
    }

    @Test
    void aServiceChangeIsStoredInTheDocumentedShape() {
        ServiceChange change = new ServiceChange(Optional.of(false), Optional.empty(), Optional.of(Duration.ofDays(1)),
                Optional.empty(), Optional.empty(), Optional.of(Duration.ofMillis(1500)));
        assertThat(new String(SchemaCodec.encodeChange(change), StandardCharsets.UTF_8))
                .isEqualTo("{\"format\":1,\"public\":false,\"workflowCompletionRetention\":86400000,\"abortTimeout\":1500}");
        assertThatThrownBy(() -> SchemaCodec.decodeChange("{\"format\":2}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("stored format 2, this release reads format 1");
    }

    @Provide
    Arbitrary<ServiceChange> changes() {
        Arbitrary<Optional<Duration>> duration = Arbitraries.longs().between(0, 400L * 24 * 3600 * 1000).map(Duration::ofMillis).optional();
        return Combinators.combine(Arbitraries.of(true, false).optional(), duration, duration, duration, duration, duration)
                .as(ServiceChange::new);
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> SchemaCodec.decode("{\"format\":2}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("stored format 2, this release reads format 1");
        assertThatThrownBy(() -> SchemaCodec.decode("nope".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not JSON");
    }

    @Provide
    Arbitrary<Deployment> deployments() {
        Arbitrary<String> id = Arbitraries.bytes().array(byte[].class).ofSize(16).map(b -> DeploymentIds.PREFIX + DeploymentIds.encode(b));
        Arbitrary<Instant> createdAt = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        return Combinators.combine(id, Arbitraries.of(HttpVersion.class), Arbitraries.of(ProtocolMode.class), Arbitraries.integers().between(1, 7),
                        strings(), strings(), text().optional(), createdAt)
                .flatAs((dp, http, mode, min, headers, metadata, sdk, at) -> services(dp).list().ofMaxSize(3).map(services ->
                        new Deployment(dp, URI.create("http://127.0.0.1:9080/" + dp.substring(4, 8) + "?q=1"), http, mode, min, min + 1,
                                headers, metadata, sdk, at, services)));
    }

    private static Arbitrary<Service> services(String deploymentId) {
        return Combinators.combine(name(), Arbitraries.of(ServiceType.class), Arbitraries.integers().between(1, 1000), Arbitraries.of(true, false),
                        handler().list().ofMaxSize(3), text().optional(), strings(), options())
                .as((name, type, revision, isPublic, handlers, doc, metadata, options) ->
                        new Service(name, type, revision, deploymentId, isPublic, handlers, doc, metadata, options));
    }

    private static Arbitrary<Handler> handler() {
        Arbitrary<InputRules> input = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of("*/*", "application/json", "text/*").optional(),
                json().optional()).as(InputRules::new);
        Arbitrary<OutputRules> output = Combinators.combine(Arbitraries.of("application/json", "text/plain").optional(), Arbitraries.of(true, false),
                json().optional()).as(OutputRules::new);
        return Combinators.combine(name(), Arbitraries.of(HandlerType.class), Arbitraries.of(true, false), input, output, text().optional(), strings(), options())
                .as(Handler::new);
    }

    private static Arbitrary<InvocationOptions> options() {
        Arbitrary<Optional<Duration>> d = Arbitraries.longs().between(0, 10_000_000_000L).map(Duration::ofMillis).optional();
        Arbitrary<RetryOverrides> retry = Combinators.combine(d, Arbitraries.doubles().between(0.5, 10).optional(),
                Arbitraries.integers().between(1, 100).optional(), d, Arbitraries.of(OnMaxAttempts.class).optional()).as(RetryOverrides::new);
        return Combinators.combine(d, d, d, d, d, Arbitraries.of(true, false).optional(), retry).as(InvocationOptions::new);
    }

    private static Arbitrary<String> name() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8);
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().ofMaxLength(20); // any characters, quotes and non-ASCII included
    }

    private static Arbitrary<String> json() {
        return Arbitraries.of("{\"type\":\"string\"}", "{\"title\":\"T\\\"x\",\"type\":\"object\"}", "true");
    }

    private static Arbitrary<Map<String, String>> strings() {
        return Arbitraries.maps(name(), text()).ofMaxSize(2);
    }
}
