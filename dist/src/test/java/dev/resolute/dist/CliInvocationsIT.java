package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official CLI's {@code invocations}, {@code state}, {@code services status} and {@code sql} commands against the
 * real server, with the TypeScript services in request/response mode (every wait suspends at once). Each test works
 * on its own keys and tags, so they share one server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliInvocationsIT {
    private static final String ONE_HOUR = "3600000";

    private SdkServices services;
    private ServerProcess server;
    private Path execLog;
    private String ingress;
    private RestateCli cli;

    @BeforeAll
    void start(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws Exception {
        execLog = tmp.resolve("exec.log");
        services = SdkServices.typescript(true, execLog, "--module=./differential-services");
        server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"), Map.of(), "--listen-mode", "tcp");
        ingress = server.url("ingress");
        cli = new RestateCli(server.url("admin"), tmp.resolve("cli"));
        cli.ok("deployments", "register", services.uri(), "--use-http1.1", "--yes");
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
    void listFiltersAndDescribe() throws Exception {
        assertThat(Http.post(ingress + "/Tally/l1/add", "1").body()).isEqualTo("1");
        assertThat(Http.post(ingress + "/Flow/terminal", null).statusCode()).isEqualTo(418);
        send("/Locker/l1/hold", "{\"tag\":\"l1\",\"ms\":" + ONE_HOUR + "}");
        String hold = Await.logged(execLog, "hold l1 ", 0);
        send("/Locker/l1/note", "\"l1n\"");
        String paused = send("/Pausing/flaky", "\"l1p\"");
        awaitStatus(hold, "suspended");
        awaitStatus(paused, "paused");

        String active = cli.ok("invocations", "list", "--key", "l1");
        assertThat(active).containsPattern("Target: +Locker/l1/hold").containsPattern("Target: +Locker/l1/note")
                .containsPattern("Status: +pending").containsPattern("Status: +suspended").contains("Showing 2/2 invocations")
                .doesNotContain("Tally/l1/add");
        assertThat(cli.ok("invocations", "list", "--key", "l1", "--all")).contains("Tally/l1/add", "completed with success", "Showing 3/3");
        // no filter at all: the count's scan reads no column
        assertThat(cli.ok("invocations", "list", "--all")).contains("Tally/l1/add", "Locker/l1/hold", "Flow/terminal");
        String pending = cli.ok("invocations", "list", "--status", "pending", "--service", "Locker", "--key", "l1");
        assertThat(pending).contains("Locker/l1/note", "Showing 1/1").doesNotContain("Locker/l1/hold");
        assertThat(cli.ok("invocations", "list", "--status", "paused")).contains("Pausing/flaky", paused);
        assertThat(cli.ok("invocations", "list", "--completion-result", "failure", "--service", "Flow", "--handler", "terminal"))
                .contains("Flow/terminal", "completed with failure", "[418] not a teapot");
        assertThat(cli.ok("invocations", "list", "--virtual-objects-only", "--all", "--key", "l1")).contains("Showing 3/3");
        assertThat(cli.ok("invocations", "list", "--zombie")).contains("Showing 0/0 invocations");
        assertThat(cli.ok("invocations", "list", "--all", "--key", "l1", "--oldest-first", "--limit", "1"))
                .contains("Tally/l1/add", "Showing 1/3").doesNotContain("Locker");

        assertThat(cli.ok("invocations", "describe", hold)).containsPattern("Target: +Locker/l1/hold")
                .containsPattern("Status: +suspended").contains("Command: Input")
                // entry_json gives the sleep its wake-up time, an hour after the hold began
                .containsPattern("Command: Sleep until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)? [+-]\\d{2}:\\d{2} \\(\\d+ minutes.* left\\)");
        assertThat(cli.ok("invocations", "describe", paused)).containsPattern("Status: +paused").contains("Pausing/flaky");
        assertThat(cli.fails("invocations", "describe", "inv_1lhMIv13b3fK4MYRjuHOTHy5sBpqp3Nwdi")).contains("not found");
    }

    @Test
    void cancelKillAndPurge() throws Exception {
        String sleeping = send("/Flow/sleep", ONE_HOUR);
        awaitStatus(sleeping, "suspended");
        assertThat(cli.ok("invocations", "cancel", sleeping, "--yes")).contains(sleeping, "Flow/sleep", "Cancelled 1 invocations");
        awaitStatus(sleeping, "completed with failure");
        assertThat(cli.ok("invocations", "describe", sleeping)).contains("[409]");

        String hold = send("/Locker/kk/hold", "{\"tag\":\"kk\",\"ms\":" + ONE_HOUR + "}");
        String note = send("/Locker/kk/note", "\"kkn\"");
        awaitStatus(hold, "suspended");
        assertThat(cli.ok("invocations", "kill", "Locker/kk", "--yes")).contains(hold, note, "Killed 2 invocations");
        awaitStatus(hold, "completed with failure");
        // the hold only: the official server forgets an invocation killed in the inbox, Resolute keeps it as killed
        assertThat(cli.ok("invocations", "list", "--all", "--key", "kk", "--handler", "hold")).contains(hold, "[409] killed", "Showing 1/1");

        assertThat(cli.ok("invocations", "purge", "Locker/kk/hold", "--yes")).contains(hold, "Purged 1 invocations");
        Await.until(() -> cli.ok("invocations", "list", "--all", "--key", "kk", "--handler", "hold").contains("Showing 0/0"), "the hold purged");
        assertThat(cli.fails("invocations", "cancel", "Nobody/here", "--yes")).contains("No invocations found for query Nobody/here");
    }

    @Test
    void pauseAndResume() throws Exception {
        String flaky = send("/Manageable/flaky", "\"pr\"");
        Await.logged(execLog, "flaky pr ", 1);
        assertThat(cli.ok("invocations", "pause", flaky, "--yes")).contains("Paused 1 invocations");
        awaitStatus(flaky, "paused");
        Http.post(ingress + "/Manageable/fix", "\"pr\"");
        assertThat(cli.ok("invocations", "resume", "Manageable/flaky", "--yes")).contains(flaky, "Resumed 1 invocations");
        assertThat(Http.get(ingress + "/restate/invocation/" + flaky + "/attach").body()).isEqualTo("\"fixed pr\"");
    }

    @Test
    void restartAsNew() throws Exception {
        assertThat(Http.post(ingress + "/Manageable/steps", "\"ra\"").body()).isEqualTo("\"ab\"");
        String steps = Await.logged(execLog, "step1 ra ", 0);
        String restarted = cli.ok("invocations", "restart-as-new", steps, "--yes");
        assertThat(restarted).contains("Restarted 1 invocations", "OLD ID", "NEW ID", steps);
        String newId = restarted.substring(restarted.lastIndexOf("inv_")).split("\\s")[0];
        assertThat(newId).isNotEqualTo(steps);
        assertThat(Http.get(ingress + "/restate/invocation/" + newId + "/attach").body()).isEqualTo("\"ab\"");
    }

    @Test
    void stateGetEditAndClear() throws Exception {
        assertThat(Http.post(ingress + "/Tally/st/add", "5").body()).isEqualTo("5");
        assertThat(cli.ok("state", "get", "Tally", "st")).containsPattern("count +5");
        assertThat(cli.ok("state", "get", "Tally", "st", "--plain").strip()).isEqualTo("{\"count\":5}");

        cli.editorWrites("{\"count\": 42, \"extra\": \"hi\"}");
        assertThat(cli.ok("state", "edit", "Tally", "st", "--yes")).contains("Successfully submitted state update.");
        assertThat(cli.editorSaw()).contains("\"count\": 5");
        Await.body(ingress + "/Tally/st/get", "42");
        assertThat(cli.ok("state", "get", "Tally", "st")).containsPattern("extra +\"hi\"").containsPattern("count +42");

        // the keys in the order of the server's state table (or of the CLI's hash map)
        assertThat(cli.ok("state", "clear", "Tally/st", "--yes")).containsPattern("Tally/st +\\[(extra, count|count, extra)\\]")
                .contains("Enqueued successfully for processing");
        Await.body(ingress + "/Tally/st/get", "0");
        assertThat(cli.ok("state", "get", "Tally", "st")).doesNotContain("count");
    }

    @Test
    void servicesStatusCountsPendingAndLockedKeys() throws Exception {
        // Tally: no other test leaves an invocation of it unfinished
        String hold = send("/Tally/ss/hold", ONE_HOUR);
        send("/Tally/ss/add", "1");
        awaitStatus(hold, "suspended");
        String status = cli.ok("services", "status", "Tally");
        assertThat(status).contains("Summary:", "Active Keys:", "Recent Invocations:", hold)
                .containsPattern("add +1 +- +- +- +- +- ").containsPattern("hold +- +- +- +- +- +1 ")
                .containsPattern("ss +1 +" + hold + " \\(suspended\\) +hold");
    }

    @Test
    void sqlPrintsATable() throws Exception {
        assertThat(Http.post(ingress + "/Tally/q1/add", "3").body()).isEqualTo("3");
        String table = cli.ok("sql", "select service_key, key, value_utf8 from state where service_name = 'Tally' and service_key = 'q1'");
        assertThat(table).containsPattern("SERVICE_KEY +KEY +VALUE_UTF8").containsPattern("q1 +count +3").contains("1 rows.");
        assertThat(cli.fails("sql", "select nope from nowhere")).contains("nowhere");
    }

    /** Sends {@code json} to the ingress path's {@code /send}; returns the invocation id. */
    private String send(String path, String json) throws Exception {
        String body = Http.post(ingress + path + "/send", json).body();
        return body.substring(body.indexOf("inv_"), body.indexOf('"', body.indexOf("inv_")));
    }

    /** Until {@code invocations describe} shows the status. */
    private void awaitStatus(String id, String status) throws Exception {
        Await.until(() -> cli.run("invocations", "describe", id).output().matches("(?s).*Status: +" + status + ".*"), id + " " + status);
    }
}
