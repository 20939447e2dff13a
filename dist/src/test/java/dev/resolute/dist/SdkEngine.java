package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server with official SDK services registered in one {@link Mode}: the base of an IT's scenarios. Each
 * {@code @Nested} subclass picks a mode and gets its own server and services, started before its tests and stopped after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SdkEngine {

    enum Sdk { TYPESCRIPT, JAVA }

    enum Mode {
        /** HTTP/2 bidirectional streaming with the newest protocol both sides speak. */
        BIDI(false, Map.of()),
        /** HTTP/2 bidi with the server capped at protocol V6, as older SDKs and servers speak it. */
        BIDI_CAPPED_AT_V6(false, Map.of("RESTATE_EXPERIMENTAL_ENABLE_PROTOCOL_V7", "false")),
        /** HTTP/1.1 request/response: every suspension ends the attempt, which the next one replays. */
        REQUEST_RESPONSE(true, Map.of());

        final boolean http1;
        final Map<String, String> serverEnv;

        Mode(boolean http1, Map<String, String> serverEnv) {
            this.http1 = http1;
            this.serverEnv = serverEnv;
        }
    }

    final Mode mode;
    private final Sdk sdk;
    private final String[] expectedServices;
    Path execLog;
    SdkServices services;
    ServerProcess server;
    String ingress;
    String admin;
    /** The admin API's answer to the registration: the deployment with its services. */
    String registration;

    /** {@code expectedServices}: names the registration must list, so a wrong services file fails here at once. */
    SdkEngine(Sdk sdk, Mode mode, String... expectedServices) {
        this.sdk = sdk;
        this.mode = mode;
        this.expectedServices = expectedServices;
    }

    // a parameter, not a field: JUnit injects @TempDir fields only before each test, after @BeforeAll.
    // Kept when a test fails: server/stderr.txt and the services' logs there say what went wrong.
    @BeforeAll
    void startEngine(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws Exception {
        execLog = tmp.resolve("exec.log");
        services = sdk == Sdk.JAVA ? SdkServices.java(execLog) : SdkServices.typescript(mode.http1, execLog);
        server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), mode.serverEnv, serverArgs());
        ingress = server.url("ingress");
        admin = server.url("admin");
        registration = register(server, services, mode.http1).body();
        for (String service : expectedServices) {
            assertThat(registration).contains("\"" + service + "\"");
        }
    }

    /** TCP only by default; a test of the Unix-socket listeners returns none, so the server opens both. */
    String[] serverArgs() {
        return new String[] {"--listen-mode", "tcp"};
    }

    @AfterAll
    void stopEngine() throws Exception {
        if (server != null) {
            server.close();
        }
        if (services != null) {
            services.close();
        }
    }

    /** Registers the services as a deployment (HTTP/1.1 request/response with {@code http1}); asserts it was created. */
    static HttpResponse<String> register(ServerProcess server, SdkServices services, boolean http1) throws Exception {
        HttpResponse<String> registered = Http.post(server.url("admin") + "/deployments",
                "{\"uri\":\"" + services.uri() + "\"" + (http1 ? ",\"use_http_11\":true" : "") + "}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return registered;
    }
}
