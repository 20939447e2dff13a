package dev.resolute.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.browse.InvocationQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A batch job over a filter touches every invocation the filter matches exactly once, however the matches fall into
 * pages and even when the operation removes what it passed (a purge) while the job pages on.
 */
class BatchJobProperties {

    @Property(tries = 40)
    void everyMatchIsTouchedExactlyOnce(@ForAll @Size(max = 2500) List<@IntRange(min = 0, max = 3) Integer> statuses,
                                        @ForAll boolean purge) {
        String[] names = {"running", "suspended", "succeeded", "failed"};
        FakeWorker worker = new FakeWorker();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            String status = names[statuses.get(i)];
            worker.invocation("inv_" + i, "Greeter", "greet", null, status, Instant.EPOCH.plusMillis(i));
            if (status.equals("running") || status.equals("failed")) {
                expected.add((purge ? "purge" : "kill") + " inv_" + i);
            }
        }
        InvocationQuery filter = new InvocationQuery(List.of(), List.of("running", "failed"), List.of(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50, 100_000);
        BatchJob job = new BatchJob("job_1", purge ? "purge" : "kill", purge ? (c, id) -> c.purge(id) : (c, id) -> c.kill(id), worker, worker,
                List.of(), Optional.of(filter), expected.size(), progress -> { });
        job.run();
        assertThat(worker.controlled).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(job.progress().get("done").asLong()).isEqualTo(expected.size());
        assertThat(job.progress().get("succeeded").asLong()).isEqualTo(expected.size());
        assertThat(job.finished()).isTrue();
    }
}
