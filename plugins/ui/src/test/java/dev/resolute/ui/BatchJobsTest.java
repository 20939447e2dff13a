package dev.resolute.ui;

import static dev.resolute.ui.InvocationsApiTest.json;
import static dev.resolute.ui.InvocationsApiTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch jobs over ids or a filter: the count they announce, the operations they apply, their progress and failures. */
class BatchJobsTest {
    private final FakeWorker worker = new FakeWorker();
    private UiNode node;

    @BeforeEach
    void start() throws Exception {
        for (int i = 0; i < 2500; i++) { // more than one page of the filter
            worker.invocation("inv_" + i, "Greeter", "greet", null, i % 5 == 0 ? "backing-off" : "succeeded", Instant.EPOCH.plusSeconds(i));
        }
        node = worker.node(new FakeSchemas()).start();
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void aFilterIsCountedPagedAndAppliedToEveryMatch() throws Exception {
        JsonNode started = json(node.send("POST", "/ui/api/batch", "{\"operation\":\"kill\",\"filter\":{\"status\":[\"backing-off\"],\"service\":\"Greeter\"}}"), 202);
        assertThat(started.get("total").asLong()).isEqualTo(500);
        JsonNode progress = finished(started.get("job").asText());
        assertThat(progress.get("operation").asText()).isEqualTo("kill");
        assertThat(progress.get("done").asLong()).isEqualTo(500);
        assertThat(progress.get("succeeded").asLong()).isEqualTo(500);
        assertThat(progress.get("failures")).isEmpty();
        assertThat(worker.controlled).hasSize(500).allMatch(c -> c.startsWith("kill inv_")).doesNotHaveDuplicates().contains("kill inv_2495", "kill inv_0");
    }

    @Test
    void listedIdsWithADeploymentAndTheirFailures() throws Exception {
        JsonNode started = json(node.send("POST", "/ui/api/batch", "{\"operation\":\"resume\",\"ids\":[\"inv_1\",\"inv_gone\"],\"deployment\":\"latest\"}"), 202);
        assertThat(started.get("total").asLong()).isEqualTo(2);
        JsonNode progress = finished(started.get("job").asText());
        assertThat(progress.get("succeeded").asLong()).isEqualTo(1);
        assertThat(progress.get("failures").get(0).get("id").asText()).isEqualTo("inv_gone");
        assertThat(progress.get("failures").get(0).get("message").asText()).isEqualTo("not_found: The requested invocation 'inv_gone' does not exist");
        assertThat(worker.controlled).containsExactlyInAnyOrder("resume(latest) inv_1", "resume(latest) inv_gone");
    }

    @Test
    void badRequestsNameWhatIsWrong() throws Exception {
        assertThat(message(node.send("POST", "/ui/api/batch", "{\"operation\":\"explode\",\"ids\":[]}"), 400)).contains("'operation'");
        assertThat(message(node.send("POST", "/ui/api/batch", "{\"operation\":\"kill\"}"), 400)).contains("'ids'");
        assertThat(message(node.send("POST", "/ui/api/batch", "{\"operation\":\"kill\",\"ids\":[],\"filter\":{}}"), 400)).contains("not both");
        assertThat(message(node.send("POST", "/ui/api/batch", "{\"operation\":\"kill\",\"filter\":{\"colour\":\"red\"}}"), 400)).contains("'filter.colour'");
        assertThat(message(node.send("POST", "/ui/api/batch", "{\"operation\":\"kill\",\"filter\":{\"status\":\"done\"}}"), 400)).contains("'status'");
        assertThat(message(node.send("POST", "/ui/api/batch", "{\"operation\":\"kill\",\"ids\":[],\"deployment\":\"latest\"}"), 400)).contains("'deployment'");
        assertThat(message(node.send("POST", "/ui/api/batch", "{\"operation\":"), 400)).contains("not valid JSON");
        assertThat(message(node.get("/ui/api/batch/job_nope"), 404)).contains("job_nope");
    }

    private JsonNode finished(String job) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            JsonNode progress = json(node.get("/ui/api/batch/" + job), 200);
            assertThat(progress.get("job").asText()).isEqualTo(job);
            if (progress.get("finished").asBoolean()) {
                return progress;
            }
            assertThat(System.nanoTime()).as("the job finishes within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
