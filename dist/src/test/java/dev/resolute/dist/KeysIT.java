package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Object keys and workflow ids of any text reach the TypeScript SDK's handlers exactly, through the
 * real ingress on TCP (HTTP/1.1 and h2c) and on its Unix socket: a key with a percent-encoded
 * {@code /}, {@code ?}, {@code #}, {@code %}, a space or non-ASCII text. A key that is not UTF-8
 * once decoded is a 400 JSON error.
 */
class KeysIT extends SdkEngine {
    private static final List<String> KEYS = List.of("a/b", "a?b#c", "100%", "with space", "ключ", "😀", "a%2Fb", "..", "+1;x=y");

    String socket;

    KeysIT() {
        super(Sdk.TYPESCRIPT, Mode.BIDI);
    }

    @Override
    String[] serverArgs() {
        return new String[0];
    }

    @BeforeAll
    void findSocket() throws Exception {
        socket = server.addresses().get("ingress.unix");
    }

    /**
     * The SDK itself calls {@code Tally} with the key (no ingress path involved), then every transport reaches
     * that same object's state through an encoded path: so the ingress decoded exactly the SDK's key.
     */
    @Test
    void anObjectKeyReachesTheSameObjectTheSdkAddressesOnEveryTransport() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String key : KEYS) {
            HttpResponse<String> bySdk = Http.post(ingress + "/Flow/callTally", "\"" + key + "\"");
            expect(failures, key + " via Flow/callTally", bySdk.statusCode() + "\n" + bySdk.body(), "200\n1");
            String path = "/Tally/" + encode(key);
            expect(failures, key + " add over HTTP/1.1", curl("--http1.1", "-H", "content-type: application/json", "-d", "10", ingress + path + "/add"), "200 1.1\n11");
            expect(failures, key + " add over h2c", curl("--http2-prior-knowledge", "-H", "content-type: application/json", "-d", "100", ingress + path + "/add"), "200 2\n111");
            expect(failures, key + " get over the socket", curl("--unix-socket", socket, "http://local" + path + "/get"), "200 1.1\n111");
            expect(failures, key + " get over the socket with h2c", curl("--http2-prior-knowledge", "--unix-socket", socket, "http://local" + path + "/get"), "200 2\n111");
        }
        assertThat(failures).isEmpty();
    }

    /** The Job workflow answers {@code "<ctx.key>: ran <input>"}, so the id the handler saw comes back. */
    @Test
    void aWorkflowIdIsTheExactTextTheHandlerSees() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String key : KEYS) {
            expect(failures, key + " over HTTP/1.1", curl("--http1.1", "-H", "content-type: application/json", "-d", "\"h1\"",
                    ingress + "/Job/" + encode(key) + "/run"), "200 1.1\n\"" + key + ": ran h1\"");
            String h2cId = "h2c " + key;
            expect(failures, key + " over h2c", curl("--http2-prior-knowledge", "-H", "content-type: application/json", "-d", "\"h2\"",
                    ingress + "/Job/" + encode(h2cId) + "/run"), "200 2\n\"" + h2cId + ": ran h2\"");
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aKeyThatIsNotUtf8IsA400JsonErrorOnEveryTransport() throws Exception {
        for (List<String> transport : List.of(List.of("--http1.1", ingress), List.of("--http2-prior-knowledge", ingress),
                List.of("--unix-socket", socket, "http://local"))) {
            List<String> args = new ArrayList<>(transport.subList(0, transport.size() - 1));
            args.addAll(List.of("-i", transport.get(transport.size() - 1) + "/Tally/ok%FF/get"));
            String answer = curl(args.toArray(String[]::new));
            assertThat(answer).as(String.join(" ", transport)).startsWith("400 ")
                    .containsIgnoringCase("content-type: application/json").containsIgnoringCase("x-restate-error-source: ingress")
                    .contains("{\"code\":400,\"message\":\"bad path, cannot decode key 'ok%FF': percent-decoded it is not valid UTF-8 "
                            + "(invalid byte 0xFF at byte 2 of 3)\",\"source\":\"ingress\"}");
        }
    }

    private static void expect(List<String> failures, String what, String actual, String expected) {
        if (!actual.equals(expected)) {
            failures.add(what + ": expected <" + expected + "> but was <" + actual + ">");
        }
    }

    /** As a client's percent-encoder does it: every byte outside the unreserved set, a space as %20. */
    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String curl(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--path-as-is"));
        all.addAll(List.of(args));
        return Curl.run(all.toArray(String[]::new));
    }
}
