package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin API's writes that the engine applies, against TypeScript SDK services: {@code POST /services/{name}/state}
 * (in order with the object's inbox, with the optimistic version of restate-protocol.md §4.5) and a private service
 * (refused at the ingress, still called by other services). Expectations pinned against restate-server 1.7.12.
 */
class AdminStateIT extends SdkEngine {
    AdminStateIT() {
        super(Sdk.TYPESCRIPT, Mode.BIDI);
    }

    private HttpResponse<String> setState(String service, String body) throws Exception {
        return Http.post(admin + "/services/" + service + "/state", body);
    }

    @Test
    void theNewStateReplacesTheOldOneAndTheNextExclusiveHandlerSeesIt() throws Exception {
        assertThat(Http.post(ingress + "/Tally/st/add", "5").body()).isEqualTo("5");
        Http.post(ingress + "/Tally/st/slowAppend", "\"x\"");

        HttpResponse<String> set = setState("Tally", "{\"object_key\":\"st\",\"new_state\":{\"count\":[52,50]}}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(202);
        assertThat(Http.post(ingress + "/Tally/st/get", null).body()).isEqualTo("42");
        assertThat(Http.post(ingress + "/Tally/st/list", null).body()).as("the whole state is replaced").isEqualTo("[]");
        assertThat(Http.post(ingress + "/Tally/st/add", "1").body()).isEqualTo("43");
    }

    @Test
    void aStaleVersionChangesNothingAndTheCurrentOneApplies() throws Exception {
        assertThat(setState("Tally", "{\"object_key\":\"ver\",\"new_state\":{\"count\":\"42\"}}").statusCode()).isEqualTo(202);

        HttpResponse<String> stale = setState("Tally", "{\"object_key\":\"ver\",\"new_state\":{\"count\":\"7\"},\"version\":\"bogus\"}");
        assertThat(stale.statusCode()).as("accepted: the version is checked when the change applies").isEqualTo(202);
        assertThat(Http.post(ingress + "/Tally/ver/get", null).body()).isEqualTo("42");

        String current = version(Map.of("count", "42"));
        assertThat(setState("Tally", "{\"object_key\":\"ver\",\"new_state\":{\"count\":\"7\"},\"version\":\"" + current + "\"}").statusCode())
                .isEqualTo(202);
        assertThat(Http.post(ingress + "/Tally/ver/get", null).body()).isEqualTo("7");
    }

    @Test
    void aStateChangeWaitsForTheInvocationsQueuedBeforeIt() throws Exception {
        assertThat(Http.post(ingress + "/Tally/queued/add", "1").body()).isEqualTo("1");
        assertThat(Http.post(ingress + "/Tally/queued/hold/send", "1500").statusCode()).isEqualTo(202);
        assertThat(Http.post(ingress + "/Tally/queued/add/send", "10").statusCode()).isEqualTo(202);
        long started = System.nanoTime();
        assertThat(setState("Tally", "{\"object_key\":\"queued\",\"new_state\":{\"count\":\"100\"}}").statusCode()).isEqualTo(202);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("202 once queued, not once applied").isLessThan(Duration.ofMillis(1000));
        assertThat(Http.post(ingress + "/Tally/queued/get", null).body()).as("not applied while the lock is held").isEqualTo("1");

        // queued after the state change: runs on the new state, so the add queued before it is overwritten
        assertThat(Http.post(ingress + "/Tally/queued/add", "1").body()).isEqualTo("101");
    }

    @Test
    void aWorkflowsStateCanBeReplaced() throws Exception {
        assertThat(setState("Approval", "{\"object_key\":\"wf-s\",\"new_state\":{\"status\":\"\\\"edited\\\"\"}}").statusCode()).isEqualTo(202);
        assertThat(Http.post(ingress + "/Approval/wf-s/status", null).body()).isEqualTo("\"edited\"");
    }

    @Test
    void anUnknownServiceIs404AndAPlainServiceIs400() throws Exception {
        HttpResponse<String> unknown = setState("Nope", "{\"object_key\":\"k\",\"new_state\":{}}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"message\":\"The requested service 'Nope' does not exist\"");
        HttpResponse<String> plain = setState("Flow", "{\"object_key\":\"k\",\"new_state\":{}}");
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).isEqualTo("{\"message\":\"Cannot modify state for service type Service\",\"restate_code\":null}");
    }

    @Test
    void aPrivateServiceIsRefusedAtTheIngressButOtherServicesStillCallIt() throws Exception {
        HttpResponse<String> patched = Http.patch(admin + "/services/Secret", "{\"public\":false}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

        for (String path : new String[] {"/Secret/tell", "/Secret/tell/send"}) {
            HttpResponse<String> refused = Http.post(ingress + path, "\"me\"");
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("x-restate-error-source")).hasValue("ingress");
            assertThat(refused.body()).isEqualTo("{\"code\":400,\"message\":\"the invoked service is not public\",\"source\":\"ingress\"}");
        }
        HttpResponse<String> viaCaller = Http.post(ingress + "/SecretCaller/ask", "\"me\"");
        assertThat(viaCaller.statusCode()).as(viaCaller.body()).isEqualTo(200);
        assertThat(viaCaller.body()).isEqualTo("\"asked: secret for me\"");
    }

    /** restate-protocol.md §4.5: SHA-256 over the entries in key order, each framed with its index; base64url unpadded. */
    private static String version(Map<String, String> state) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long i = 0;
        for (var e : new java.util.TreeMap<>(state).entrySet()) {
            sha.update(ByteBuffer.allocate(8).putLong(i++).array());
            sha.update((byte) 1);
            sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 2);
            sha.update(e.getValue().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 3);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
    }
}
