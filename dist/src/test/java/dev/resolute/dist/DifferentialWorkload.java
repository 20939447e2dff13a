package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One workload over the TypeScript services of test-services/typescript/differential-services.js (request/response
 * mode, so every wait suspends at once and the states it leaves do not depend on timing), driven through one
 * server's ingress and left in a known set of states for the differential tests to look at: objects with state,
 * completed calls, a service that calls one object and sends to another, a terminal failure, an invocation that
 * keeps retrying and one paused after its attempts, sleeps, a resolved and a pending awakeable, a completed and a
 * waiting workflow with a durable promise, and an invocation queued behind a busy key. It never polls a handler (each
 * poll would be one more invocation, as many as the server took time): it waits on the services' exec log and on
 * attach, which start nothing.
 */
final class DifferentialWorkload {
    /** Long enough that nothing the workload leaves waiting wakes up during a test. */
    private static final long ONE_HOUR_MS = 3_600_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACKTRACE = Pattern.compile(",\"stacktrace\":\"(?:[^\"\\\\]|\\\\.)*\"");

    private final String ingress;
    private final Path execLog;
    /** What each synchronous step answered, by step name: equal on both servers. */
    private final Map<String, String> answers = new LinkedHashMap<>();

    private DifferentialWorkload(String ingress, Path execLog) {
        this.ingress = ingress;
        this.execLog = execLog;
    }

    /**
     * Runs the workload through {@code ingress} (services registered there, logging to {@code execLog}) and returns
     * the answers of its synchronous steps, which a test compares across servers.
     */
    static Map<String, String> run(String ingress, Path execLog) throws Exception {
        DifferentialWorkload workload = new DifferentialWorkload(ingress, execLog);
        workload.objects();
        workload.failures();
        workload.waits();
        workload.workflows();
        workload.queued();
        return workload.answers;
    }

    private void objects() throws Exception {
        call("Tally/a/add 1", "/Tally/a/add", "1");
        call("Tally/a/add 2", "/Tally/a/add", "2");
        call("Tally/b/add 5", "/Tally/b/add", "5");
        call("LazyTally/c/add 7", "/LazyTally/c/add", "7");
        call("Mailbox/m/put", "/Mailbox/m/put", "\"hello\"");
        call("Flow/steps", "/Flow/steps", "\"s\"");
        call("Relay/forward 4", "/Relay/forward", "4");
    }

    private void failures() throws Exception {
        call("Flow/terminal", "/Flow/terminal", null);
        send("/Retrier/retrying/fails", null);
        // two failed attempts tell it is retrying; the default retry policy keeps it backing off for minutes
        Await.logged(execLog, "Retrier retrying", 1);
        send("/Pauser/paused/fails", null);
        Await.logged(execLog, "Pauser paused", 1);
        // killed after its two attempts: a failed, completed invocation. The official server adds the SDK's
        // stacktrace of the last attempt to the answer, Resolute does not (yet): compared without it
        HttpResponse<String> killed = Http.post(ingress + "/Doomer/doomed/fails", null);
        answers.put("Doomer/doomed/fails", killed.statusCode() + " " + STACKTRACE.matcher(killed.body()).replaceAll(""));
    }

    private void waits() throws Exception {
        send("/Flow/sleep", Long.toString(ONE_HOUR_MS));
        send("/Signals/wait", "\"forever\"");
        Await.logged(execLog, "awakeable forever ", 0);

        String waiting = send("/Signals/wait", "\"resolved\"");
        String awakeable = Await.logged(execLog, "awakeable resolved ", 0);
        HttpResponse<String> resolved = Http.post(ingress + "/restate/awakeables/" + awakeable + "/resolve", "\"yes\"");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(202);
        answers.put("Signals/wait resolved", Http.get(ingress + "/restate/invocation/" + waiting + "/attach").body());
    }

    private void workflows() throws Exception {
        send("/Approval/approved/run", "\"loan\"");
        call("Approval/approved/approve", "/Approval/approved/approve", "\"ok\"");
        answers.put("Approval/approved/run", Http.get(ingress + "/restate/workflow/Approval/approved/attach").body());
        send("/Approval/waiting/run", "\"car\"");
        call("Job/j1/run", "/Job/j1/run", "\"x\"");
    }

    private void queued() throws Exception {
        send("/Locker/busy/hold", "{\"tag\":\"holder\",\"ms\":" + ONE_HOUR_MS + "}");
        Await.logged(execLog, "hold holder ", 0);
        send("/Locker/busy/note", "\"queued\"");
    }

    /** A call that waits for the answer; its status and body go into the answers. */
    private void call(String step, String path, String json) throws Exception {
        HttpResponse<String> answer = Http.post(ingress + path, json);
        answers.put(step, answer.statusCode() + " " + answer.body());
    }

    /** A one-way send: the ingress accepts it at once; returns the invocation's id. */
    private String send(String path, String json) throws Exception {
        HttpResponse<String> accepted = Http.post(ingress + path + "/send", json);
        assertThat(accepted.statusCode()).as(path + ": " + accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).get("invocationId").asText();
    }
}
