package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java SDK's invocation handles (test-services/java JavaAttacher): {@code getOutput()} (GetInvocationOutput,
 * which the TypeScript SDK does not expose) and {@code attach()} (AttachInvocation), over HTTP/2 and HTTP/1.1.
 */
class JavaAttachIT {
    private static final Pattern ID = Pattern.compile("\"invocationId\":\"(inv_1[0-9a-zA-Z]{33})\"");

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Http2Bidi extends Scenarios {
        Http2Bidi() {
            super(false);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Http11RequestResponse extends Scenarios {
        Http11RequestResponse() {
            super(true);
        }
    }

    abstract static class Scenarios {
        private final boolean http11;
        SdkServices services;
        ServerProcess server;
        String ingress;

        Scenarios(boolean http11) {
            this.http11 = http11;
        }

        @BeforeAll
        void start(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws Exception {
            services = SdkServices.java(tmp.resolve("exec.log"));
            server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp");
            ingress = server.url("ingress");
            HttpResponse<String> registered = Http.post(server.url("admin") + "/deployments",
                    "{\"uri\":\"" + services.uri() + "\"" + (http11 ? ",\"use_http_11\":true" : "") + "}");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        }

        @AfterAll
        void stop() throws Exception {
            if (server != null) {
                server.close();
            }
            if (services != null) {
                services.close();
            }
        }

        @Test
        void getOutputIsNotReadyWhileRunningAndAttachWaitsForTheResult() throws Exception {
            String id = id(Http.post(ingress + "/JavaAttacher/slow/send", "\"x\""));
            assertThat(Http.post(ingress + "/JavaAttacher/output", "\"" + id + "\"").body()).isEqualTo("\"not ready\"");
            assertThat(Http.post(ingress + "/JavaAttacher/attach", "\"" + id + "\"").body()).isEqualTo("\"slow x\"");
            assertThat(Http.post(ingress + "/JavaAttacher/output", "\"" + id + "\"").body()).isEqualTo("\"ready slow x\"");
        }

        @Test
        void aFailedTargetKeepsItsCodeAndAnUnknownOneIsA404() throws Exception {
            String failed = id(Http.post(ingress + "/JavaGreeter/teapot/send", null));
            assertThat(Http.post(ingress + "/JavaAttacher/attach", "\"" + failed + "\"").body()).isEqualTo("\"failed 418: not a teapot\"");
            assertThat(Http.post(ingress + "/JavaAttacher/output", "\"" + failed + "\"").body()).isEqualTo("\"failed 418: not a teapot\"");
            String unknown = "\"inv_10FH0Hfp0RFc3IUgbVfnvE3qpZ2MWhiv3Q\"";
            assertThat(Http.post(ingress + "/JavaAttacher/output", unknown).body()).isEqualTo("\"failed 404: invocation not found\"");
            assertThat(Http.post(ingress + "/JavaAttacher/attach", unknown).body()).isEqualTo("\"failed 404: invocation not found\"");
        }

        private static String id(HttpResponse<String> accepted) {
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            Matcher m = ID.matcher(accepted.body());
            assertThat(m.find()).as(accepted.body()).isTrue();
            return m.group(1);
        }
    }
}
