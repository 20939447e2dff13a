package dev.resolute.schema;

import static dev.resolute.schema.ManifestServer.manifestOf;
import static dev.resolute.schema.ManifestServer.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.HttpVersion;
import dev.resolute.spi.schema.ProtocolMode;
import dev.resolute.spi.schema.RegisterRequest;
import dev.resolute.spi.schema.RegisterResult;
import dev.resolute.spi.schema.RegisterResult.Outcome;
import dev.resolute.spi.schema.SchemaException;
import dev.resolute.spi.schema.SchemaException.Kind;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceType;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code Schemas} service on real LMDB storage, discovering a real HTTP endpoint. */
class SchemaRegistryTest {
    @TempDir
    Path dir;

    private SchemaNode node;
    private ManifestServer endpoint;

    @BeforeEach
    void start() throws Exception {
        node = SchemaNode.start(dir);
        endpoint = new ManifestServer().manifest(manifestOf(service("Greeter", "SERVICE", "greet"), service("Counter", "VIRTUAL_OBJECT", "add")));
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void discoversOverH2cAndStoresWhatItFound() {
        RegisterResult result = schemas().register(new RegisterRequest(URI.create(endpoint.url()), Map.of("X-Tenant", "acme"),
                Map.of("owner", "team-a"), false, false, false, false));

        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        Deployment d = result.deployment();
        assertThat(d.id()).matches("dp_1[0-9a-zA-Z]{22}");
        assertThat(d.uri()).hasToString(endpoint.url() + "/");
        assertThat(d.httpVersion()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(d.protocolMode()).isEqualTo(ProtocolMode.BIDI_STREAM);
        assertThat(d.sdkVersion()).contains("test-sdk/1.0");
        assertThat(d.additionalHeaders()).isEqualTo(Map.of("x-tenant", "acme"));
        assertThat(d.metadata()).isEqualTo(Map.of("owner", "team-a"));
        assertThat(d.services()).extracting(Service::name, Service::revision, Service::deploymentId)
                .containsExactly(tuple("Greeter", 1, d.id()), tuple("Counter", 1, d.id()));

        ManifestServer.Seen request = endpoint.seen().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/discover");
        assertThat(request.protocol()).isEqualTo("HTTP/2.0");
        assertThat(request.headers().get("accept")).isEqualTo("application/vnd.restate.endpointmanifest.v1+json, "
                + "application/vnd.restate.endpointmanifest.v2+json, application/vnd.restate.endpointmanifest.v3+json, "
                + "application/vnd.restate.endpointmanifest.v4+json");
        assertThat(request.headers().get("x-tenant")).isEqualTo("acme");
        assertThat(request.headers().get("x-restate-cluster-name")).isEqualTo("test-cluster");

        assertThat(schemas().deployments()).containsExactly(d);
        assertThat(schemas().resolve("Counter")).hasValueSatisfying(r -> {
            assertThat(r.deployment()).isEqualTo(d);
            assertThat(r.service().type()).isEqualTo(ServiceType.VIRTUAL_OBJECT);
        });
        assertThat(schemas().services()).extracting(Service::name).containsExactly("Counter", "Greeter");
    }

    @Test
    void http11WhenAskedAndPathPrefixAndQueryKept() {
        Deployment d = schemas().register(new RegisterRequest(URI.create(endpoint.url() + "/api?tenant=a"), Map.of(), Map.of(),
                true, false, false, false)).deployment();
        assertThat(d.httpVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(endpoint.seen().get(0).protocol()).isEqualTo("HTTP/1.1");
        assertThat(endpoint.seen().get(0).path()).isEqualTo("/api/discover");
        assertThat(endpoint.seen().get(0).query()).isEqualTo("tenant=a");
    }

    @Test
    void sameUriIsUnchangedWithoutDiscoveryAndForceOverwritesWithNewRevisions() {
        Deployment first = register(endpoint.url()).deployment();

        RegisterResult again = register(endpoint.url() + "/");
        assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(again.deployment()).isEqualTo(first);
        assertThat(endpoint.seen()).as("an unchanged registration does not call the endpoint").hasSize(1);

        endpoint.manifest(manifestOf(service("Greeter", "SERVICE", "greet", "wave")));
        RegisterResult forced = schemas().register(new RegisterRequest(URI.create(endpoint.url()), Map.of(), Map.of(), false, true, false, false));
        assertThat(forced.outcome()).isEqualTo(Outcome.OVERWRITTEN);
        assertThat(forced.deployment().id()).isEqualTo(first.id());
        assertThat(forced.deployment().services()).extracting(Service::name, Service::revision)
                .containsExactly(tuple("Greeter", 2));
        assertThat(schemas().service("Counter")).as("dropped by the overwrite").isEmpty();
        assertThat(schemas().service("Greeter").orElseThrow().handler("wave")).isPresent();
    }

    @Test
    void aNewDeploymentTakesServicesOverWhileTheOldOneStaysReadable() throws Exception {
        Deployment v1 = register(endpoint.url() + "/v1").deployment();
        Deployment v2 = register(endpoint.url() + "/v2").deployment();

        assertThat(v2.service("Greeter").orElseThrow().revision()).isEqualTo(2);
        assertThat(schemas().resolve("Greeter").orElseThrow().deployment().id()).isEqualTo(v2.id());
        assertThat(schemas().deployment(v1.id()).orElseThrow().service("Greeter").orElseThrow().revision())
                .as("in-flight invocations stay on their revision").isEqualTo(1);

        schemas().removeDeployment(v2.id());
        assertThat(schemas().resolve("Greeter").orElseThrow().deployment().id()).as("falls back to the previous revision").isEqualTo(v1.id());
        Deployment v3 = register(endpoint.url() + "/v3").deployment();
        assertThat(v3.service("Greeter").orElseThrow().revision()).isEqualTo(2);

        schemas().removeDeployment(v1.id());
        schemas().removeDeployment(v3.id());
        assertThat(schemas().services()).isEmpty();
        assertThatThrownBy(() -> schemas().removeDeployment(v3.id()))
                .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
                .hasMessage("The requested deployment '" + v3.id() + "' does not exist");
    }

    @Test
    void somethingThatIsNotADeploymentIdIsRefusedBeforeAnyLookup() {
        register(endpoint.url());
        assertThatThrownBy(() -> schemas().deployment("dp_1xxxx"))
                .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST))
                .hasMessage("The deployment id 'dp_1xxxx' is invalid: expected 22 base62 characters after \"dp_1\", got 4");
        assertThatThrownBy(() -> schemas().removeDeployment("deployment-1"))
                .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST))
                .hasMessage("The deployment id 'deployment-1' is invalid: it must start with \"dp_\"");
        assertThat(schemas().deployments()).hasSize(1);
    }

    @Test
    void aServiceChangesItsTypeOnlyWhenBreakingIsAllowed() {
        register(endpoint.url() + "/a");
        endpoint.manifest(manifestOf(service("Counter", "WORKFLOW", "run")));
        URI other = URI.create(endpoint.url() + "/b");
        assertThatThrownBy(() -> schemas().register(RegisterRequest.of(other)))
                .isInstanceOfSatisfying(SchemaException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INCOMPATIBLE_CHANGE);
                    assertThat(e.restateCode()).contains("META0006");
                })
                .hasMessageContaining("detected a new service revision for 'Counter' changing the service type from VIRTUAL_OBJECT to WORKFLOW");
        assertThat(schemas().deployments()).hasSize(1);

        RegisterResult breaking = schemas().register(new RegisterRequest(other, Map.of(), Map.of(), false, false, true, false));
        assertThat(breaking.deployment().service("Counter").orElseThrow().type()).isEqualTo(ServiceType.WORKFLOW);
        assertThat(schemas().service("Counter").orElseThrow().revision()).isEqualTo(2);
    }

    @Test
    void concurrentRegistrationsGetDistinctRevisions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RegisterResult>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String uri = endpoint.url() + "/p" + i;
                results.add(pool.submit(() -> register(uri)));
            }
            Set<Integer> revisions = new TreeSet<>();
            for (Future<RegisterResult> r : results) {
                revisions.add(r.get().deployment().service("Greeter").orElseThrow().revision());
            }
            assertThat(revisions).containsExactly(1, 2, 3, 4);
            assertThat(schemas().service("Greeter").orElseThrow().revision()).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDryRunAnswersButStoresNothing() throws Exception {
        RegisterResult dry = schemas().register(new RegisterRequest(URI.create(endpoint.url()), Map.of(), Map.of(), false, false, false, true));
        assertThat(dry.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(dry.deployment().services()).hasSize(2);
        assertThat(schemas().deployments()).isEmpty();
        node.restart();
        assertThat(schemas().deployments()).isEmpty();
    }

    @Test
    void everythingSurvivesARestart() throws Exception {
        Deployment a = register(endpoint.url() + "/a").deployment();
        Deployment b = register(endpoint.url() + "/b").deployment();
        schemas().removeDeployment(a.id());
        Deployment c = register(endpoint.url() + "/c").deployment();

        node.restart();

        assertThat(schemas().deployments()).containsExactly(b, c);
        assertThat(schemas().resolve("Greeter").orElseThrow().service()).isEqualTo(c.service("Greeter").orElseThrow());
        assertThat(schemas().service("Greeter").orElseThrow().revision()).isEqualTo(3);
    }

    @Test
    void unreachableEndpointsSayWhy() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> register("http://127.0.0.1:" + closed))
                .isInstanceOfSatisfying(SchemaException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.restateCode()).contains("META0003");
                })
                .hasMessage("the deployment endpoint http://127.0.0.1:" + closed + "/discover could not be reached: connection refused"
                        + " (3 attempts). Check that the service is running and reachable from the server.");

        endpoint.answer(404, Map.of(), "no such route");
        assertThatThrownBy(() -> register(endpoint.url()))
                .hasMessageContaining("got status code '404' from " + endpoint.url() + "/discover. Make sure the provided URI has the correct path")
                .hasMessageEndingWith("Body: no such route");
        assertThat(endpoint.seen()).as("404 is final").hasSize(1);

        endpoint.answer(503, Map.of(), "busy");
        assertThatThrownBy(() -> register(endpoint.url())).hasMessageContaining("got status code '503'");
        assertThat(endpoint.seen()).as("503 is retried").hasSize(4);
        assertThat(schemas().deployments()).isEmpty();
    }

    @Test
    void aBadManifestIsRefusedWithTheParsersMessage() {
        endpoint.manifest(ManifestServer.manifestOf().replace("\"minProtocolVersion\":5,\"maxProtocolVersion\":7", "\"minProtocolVersion\":1,\"maxProtocolVersion\":2"));
        assertThatThrownBy(() -> register(endpoint.url()))
                .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_PROTOCOL))
                .hasMessageContaining("unsupported service protocol versions: [1, 2]");
        assertThatThrownBy(() -> schemas().register(RegisterRequest.of(URI.create("localhost:9080"))))
                .isInstanceOfSatisfying(SchemaException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST));
    }

    private RegisterResult register(String uri) {
        return schemas().register(RegisterRequest.of(URI.create(uri)));
    }

    private Schemas schemas() {
        return node.schemas();
    }
}
