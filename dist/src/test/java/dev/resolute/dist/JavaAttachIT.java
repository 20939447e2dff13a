package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Java SDK's invocation handles (test-services/java JavaAttacher): {@code getOutput()} (GetInvocationOutput,
 * which the TypeScript SDK does not expose) and {@code attach()} (AttachInvocation), over HTTP/2 and HTTP/1.1.
 */
class JavaAttachIT {
    private static final Pattern ID = Pattern.compile("\"invocationId\":\"(inv_1[0-9a-zA-Z]{33})\"");

    @Nested
    class Http2Bidi extends Scenarios {
        Http2Bidi() {
            super(Mode.BIDI);
        }
    }

    @Nested
    class Http11RequestResponse extends Scenarios {
        Http11RequestResponse() {
            super(Mode.REQUEST_RESPONSE);
        }
    }

    abstract static class Scenarios extends SdkEngine {
        Scenarios(Mode mode) {
            super(Sdk.JAVA, mode);
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
