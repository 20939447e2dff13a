package dev.resolute.ui;

import static dev.resolute.ui.InvocationsApiTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** On an admin node without the worker role the UI serves its pages and says why its data calls cannot answer. */
class NoWorkerTest {
    @Test
    void pagesAreServedAndDataCallsAre503sSayingNoWorkerRunsHere() throws Exception {
        try (UiNode node = new UiNode(new FakeSchemas()).start()) {
            assertThat(node.get("/ui/invocations").statusCode()).isEqualTo(200);
            for (String path : new String[] {"/ui/api/invocations", "/ui/api/invocations/count", "/ui/api/invocations/inv_1/journal",
                    "/ui/api/summary", "/ui/api/errors", "/ui/api/deployments/drained", "/ui/api/stream"}) {
                assertThat(message(node.get(path), 503)).as(path).isEqualTo(WorkerAccess.NO_WORKER);
            }
            assertThat(message(node.send("POST", "/ui/api/batch", "{\"operation\":\"kill\",\"ids\":[\"inv_1\"]}"), 503))
                    .isEqualTo(WorkerAccess.NO_WORKER);
        }
    }
}
