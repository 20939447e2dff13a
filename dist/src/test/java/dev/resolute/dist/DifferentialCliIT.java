package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.dist.SideBySide.Side;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same workload on Resolute and on the official server 1.7.12, then the official CLI's registry commands on
 * both: what they print must be the same once ids, timestamps and the services' port are set aside
 * ({@link CliOutput}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialCliIT {
    private static final List<String> SERVICES = List.of("Tally", "LazyTally", "Flow", "Retrier", "Pauser", "Doomer", "Signals",
            "Mailbox", "Approval", "Job", "Locker");

    private SideBySide sides;

    @BeforeAll
    void start(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws Exception {
        sides = SideBySide.start(tmp);
    }

    @AfterAll
    void stop() throws Exception {
        if (sides != null) {
            sides.close();
        }
    }

    @Test
    void theWorkloadAnswersAlike() {
        assertThat(sides.resolute.answers()).isEqualTo(sides.official.answers());
        assertThat(sides.resolute.answers()).containsEntry("Tally/a/add 2", "200 3")
                .containsEntry("Flow/terminal", "418 {\"code\":418,\"message\":\"not a teapot\",\"source\":\"invocation\"}")
                .containsEntry("Doomer/doomed/fails", "500 {\"code\":500,\"message\":\"doomed keeps failing\",\"source\":\"invocation\"}");
    }

    @Test
    void servicesListShowsTheSame() throws Exception {
        assertSameOutput("services", "list");
    }

    @Test
    void servicesDescribeShowsTheSame() throws Exception {
        for (String service : SERVICES) {
            assertSameOutput("services", "describe", service);
        }
    }

    @Test
    void servicesConfigViewShowsTheSame() throws Exception {
        for (String service : SERVICES) {
            assertSameOutput("services", "config", "view", service);
        }
    }

    @Test
    void servicesConfigEditChangesTheSame() throws Exception {
        for (Side side : sides.both()) {
            side.cli().editorWrites("public = false\ninactivity_timeout = \"2min\"\njournal_retention = \"2days\"\n"
                    + "idempotency_retention = \"3h\"\nabort_timeout = \"5min\"\n");
            side.cli().ok("services", "config", "edit", "Job", "--yes");
        }
        // a workflow's template offers its completion retention too
        assertThat(sides.resolute.cli().editorSaw()).isEqualTo(sides.official.cli().editorSaw()).contains("# workflow_completion_retention = ");
        assertSameOutput("services", "config", "view", "Job");
        // a request/response deployment cannot suspend on inactivity: both servers keep 0s and say so (RT0021)
        assertThat(sides.resolute.cli().ok("services", "config", "view", "Job")).contains("Public:  false", "Abort timeout:  5m", "Inactivity timeout:  0s");
    }

    @Test
    void deploymentsListAndDescribeShowTheSame() throws Exception {
        assertSameOutput("deployments", "list");
        List<String> resolute = CliOutput.comparable(describeOnlyDeployment(sides.resolute), sides.resolute.servicesUri());
        List<String> official = CliOutput.comparable(describeOnlyDeployment(sides.official), sides.official.servicesUri());
        assertThat(resolute).isEqualTo(official).contains("Transport: HTTP/1.1", "Protocol Style: Request/Response");
    }

    private static String describeOnlyDeployment(Side side) throws Exception {
        String list = side.cli().ok("deployments", "list");
        String id = list.substring(list.indexOf("dp_")).split("\\s")[0];
        return side.cli().ok("deployments", "describe", id);
    }

    private void assertSameOutput(String... command) throws Exception {
        List<String> resolute = CliOutput.comparable(sides.resolute.cli().ok(command), sides.resolute.servicesUri());
        List<String> official = CliOutput.comparable(sides.official.cli().ok(command), sides.official.servicesUri());
        assertThat(resolute).as("restate " + String.join(" ", command)).isEqualTo(official);
    }
}
