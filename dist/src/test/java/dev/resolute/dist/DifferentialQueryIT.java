package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.dist.RestateCli.SentQuery;
import dev.resolute.dist.RestateCli.Traced;
import dev.resolute.dist.SideBySide.Side;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same workload on Resolute and on the official server 1.7.12, then the official CLI's commands that read
 * through {@code POST /query} on both. Each command runs with its debug log on, which shows the exact SQL it sent
 * (so the queries are the 1.7.12 CLI's own, with each server's ids in them); each side's queries then run again on
 * its own server with {@code accept: application/json} and the rows must match once {@link QueryRows} has set aside
 * ids, timestamps and its listed exclusions. The CLI must also succeed on both and send the same number of queries.
 * Known differences of tables the CLI does not read, left out of the {@code sql} commands here: restate-server lists
 * only virtual objects in {@code sys_keyed_service_status} (Resolute also a workflow's running {@code run}), numbers
 * {@code sys_inbox.sequence_number} from 0 (Resolute from 1), and fills {@code sys_locks} only with vqueues enabled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialQueryIT {
    /** How long a mismatch may last: the invocation that keeps retrying is briefly running at each attempt. */
    private static final long SETTLE_MS = 10_000;

    private SideBySide sides;

    /** A CLI command whose arguments may depend on the side (its ids). */
    record Command(String name, Function<Side, String[]> args) {
        static Command of(String... args) {
            return new Command(String.join(" ", args), side -> args);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws Exception {
        sides = SideBySide.start(tmp);
        for (Side side : sides.both()) {
            awaitSettled(side);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (sides != null) {
            sides.close();
        }
    }

    /** Waits until the workload's invocations have reached the states it leaves them in. */
    private static void awaitSettled(Side side) throws Exception {
        String sql = "SELECT target, status FROM sys_invocation WHERE target IN ('Pauser/paused/fails', 'Locker/busy/note', "
                + "'Approval/waiting/run', 'Flow/sleep', 'Signals/wait', 'Retrier/retrying/fails')";
        List<String> expected = Stream.of("{status=backing-off, target=Retrier/retrying/fails}", "{status=paused, target=Pauser/paused/fails}",
                "{status=completed, target=Signals/wait}", "{status=pending, target=Locker/busy/note}",
                "{status=suspended, target=Approval/waiting/run}", "{status=suspended, target=Flow/sleep}",
                "{status=suspended, target=Signals/wait}").sorted().toList();
        Await.until(() -> QueryRows.comparable(side.admin(), sql, side.servicesUri()).equals(expected),
                side.name() + ": the workload's invocations settled");
    }

    static Stream<Command> commands() {
        return Stream.of(
                Command.of("invocations", "list"),
                Command.of("invocations", "list", "--all"),
                Command.of("invocations", "list", "--all", "--oldest-first", "--limit", "3"),
                Command.of("invocations", "list", "--status", "backing-off,paused"),
                Command.of("invocations", "list", "--status", "suspended"),
                Command.of("invocations", "list", "--status", "pending,scheduled,ready,running"),
                Command.of("invocations", "list", "--completion-result", "failure"),
                Command.of("invocations", "list", "--completion-result", "success"),
                Command.of("invocations", "list", "--service", "Tally", "--all"),
                Command.of("invocations", "list", "--service", "Locker", "--key", "busy"),
                Command.of("invocations", "list", "--handler", "hold,note,run"),
                Command.of("invocations", "list", "--virtual-objects-only", "--all"),
                Command.of("invocations", "list", "--zombie"),
                new Command("invocations list --deployment <dp>", side -> new String[] {"invocations", "list", "--all", "--deployment", deployment(side)}),
                describe("Approval/waiting/run"), describe("Approval/approved/run"), describe("Retrier/retrying/fails"),
                describe("Pauser/paused/fails"), describe("Locker/busy/note"), describe("Locker/busy/hold"), describe("Flow/sleep"),
                describe("Signals/wait"), describe("Flow/terminal"), describe("Doomer/doomed/fails"),
                describe("Job/j1/run"), describe("Flow/steps"), describe("Tally/b/add"), describe("Relay/forward"),
                Command.of("services", "status"),
                Command.of("services", "status", "Locker"),
                Command.of("services", "status", "Tally"),
                Command.of("state", "get", "Tally", "a"),
                Command.of("state", "get", "LazyTally", "c"),
                Command.of("state", "get", "Mailbox", "m"),
                Command.of("state", "get", "Approval", "waiting"),
                Command.of("state", "get", "Tally", "nobody"),
                Command.of("sql", "select service_name, service_key, key, value_utf8, value_length from state order by service_name, service_key, key"),
                Command.of("sql", "select service_name, service_key, key, completed, completion_success_value_utf8 from sys_promise"),
                Command.of("sql", "select service_name, service_key, id is not null as queued from sys_inbox"),
                Command.of("sql", "select name, revision, public, ty from sys_service order by name"),
                Command.of("sql", "select ty, min_service_protocol_version, max_service_protocol_version from sys_deployment"),
                Command.of("sql", "select target, status, completion_result, journal_size, invoked_by, target_service_ty, "
                        + "pinned_service_protocol_version from sys_invocation order by target, status"),
                Command.of("sql", "select j.index, j.entry_type, j.name, j.completed, j.version from sys_journal j join sys_invocation i "
                        + "on i.id = j.id where i.target = 'Approval/approved/run' order by j.index"),
                Command.of("sql", "select i.target, j.index, j.entry_type, j.entry_lite_json from sys_journal j join sys_invocation i on i.id = j.id "
                        + "where i.target in ('Relay/forward', 'Approval/approved/run', 'Flow/sleep', 'Signals/wait', 'Tally/b/add') order by i.target, j.index"),
                Command.of("deployments", "list", "--extra"),
                new Command("deployments describe <dp> --extra", side -> new String[] {"deployments", "describe", deployment(side), "--extra"}));
    }

    private static Command describe(String target) {
        return new Command("invocations describe <" + target + ">", side -> new String[] {"invocations", "describe", invocation(side, target)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void theCliSendsTheSameQueriesAndGetsTheSameRows(Command command) throws Exception {
        long deadline = System.currentTimeMillis() + SETTLE_MS;
        while (true) {
            List<String> resolute = outcome(sides.resolute, command);
            List<String> official = outcome(sides.official, command);
            if (resolute.equals(official) || System.currentTimeMillis() > deadline) {
                assertThat(resolute).as(command.name()).isEqualTo(official);
                return;
            }
            Thread.sleep(500);
        }
    }

    /** The object keys' partition keys (the XXH3 hash of the key) are Restate's, so the same on both servers. */
    @Test
    void keyedInvocationsHaveTheSamePartitionKeys() throws Exception {
        String sql = "SELECT target_service_name, target_service_key, partition_key FROM sys_invocation_status "
                + "WHERE target_service_key IS NOT NULL ORDER BY target_service_name, target_service_key";
        String resolute = QueryRows.post(sides.resolute.admin(), sql).body();
        assertThat(resolute).contains("\"target_service_key\":\"busy\"").isEqualTo(QueryRows.post(sides.official.admin(), sql).body());
    }

    /** The command's exit code and normalised output, then for each query it sent: the query and its normalised rows. */
    private static List<String> outcome(Side side, Command command) throws Exception {
        Traced traced = side.cli().traced(command.args().apply(side));
        List<String> outcome = new ArrayList<>(List.of("exit " + traced.exitCode()));
        outcome.addAll(CliOutput.comparable(traced.stdout(), side.servicesUri()));
        for (SentQuery query : traced.queries()) {
            outcome.add((query.json() ? "json " : "arrow ") + QueryRows.comparableSql(query.sql()));
            outcome.add(QueryRows.comparable(side.admin(), query.sql(), side.servicesUri()).toString());
        }
        return outcome;
    }

    private static String deployment(Side side) {
        try {
            String list = side.cli().ok("deployments", "list");
            return list.substring(list.indexOf("dp_")).split("\\s")[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the (first) invocation of {@code target} on that side. */
    private static String invocation(Side side, String target) {
        try {
            String body = QueryRows.post(side.admin(), "SELECT id FROM sys_invocation WHERE target = '" + target + "' ORDER BY created_at LIMIT 1").body();
            int at = body.indexOf("inv_");
            if (at < 0) {
                throw new IllegalStateException(side.name() + " has no invocation of " + target + ": " + body);
            }
            return body.substring(at, body.indexOf('"', at));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
