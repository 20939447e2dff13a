package dev.resolute.worker.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.worker.engine.pb.AttemptFailed;
import org.junit.jupiter.api.Test;

/** last_failure's text: the code and message, then the SDK's stacktrace, as restate-server 1.7.12 shows it in sys_invocation. */
class LastFailureTextTest {

    @Test
    void theSdksStacktraceFollowsTheMessage() {
        AttemptFailed failure = AttemptFailed.newBuilder().setCode(500).setMessage("always failing")
                .setStacktrace("Error: always failing\n    at Object.alwaysFails (engine-services.js:113:13)").build();
        assertThat(Retries.lastFailure(failure))
                .isEqualTo("[500] always failing\nError: always failing\n    at Object.alwaysFails (engine-services.js:113:13)");
    }

    @Test
    void withoutAStacktraceTheCodeAndMessageOnly() {
        assertThat(Retries.lastFailure(AttemptFailed.newBuilder().setCode(418).setMessage("teapot").build())).isEqualTo("[418] teapot");
        assertThat(Retries.lastFailure(AttemptFailed.newBuilder().setMessage("the attempt ended without End").build()))
                .isEqualTo("[0] the attempt ended without End");
    }
}
