package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes that run only some of Restate's roles, started from the bundle. The schema plugin runs wherever
 * the admin, worker or ingress role does, so a worker-only node starts without the admin endpoint, and
 * an admin-only node serves registration and the admin API and says which operations need a worker.
 */
class RolesIT {
    private static final Path BUNDLE = ServerProcess.DEFAULT_BUNDLE;
    /** Retries at most 2 s apart, so the failing invocation below keeps trying while the test watches. */
    private static final Map<String, String> QUICK_RETRIES = Map.of("RESTATE_DEFAULT_RETRY_POLICY__MAX_INTERVAL", "2s");

    @TempDir
    Path tmp;

    @Test
    void aWorkerOnlyNodeRunsTheEngineWithoutTheAdminEndpoint() throws Exception {
        Path execLog = tmp.resolve("exec.log");
        try (SdkServices services = SdkServices.typescript(false, execLog)) {
            // a full node registers the services and accepts an invocation that fails on every attempt
            try (ServerProcess full = ServerProcess.startHealthy(BUNDLE, tmp.resolve("server"), QUICK_RETRIES, "--listen-mode", "tcp")) {
                register(full, services);
                assertThat(Http.post(full.url("ingress") + "/Flow/alwaysFails/send", null).statusCode()).isEqualTo(202);
                awaitAttempts(execLog, 1);
                assertThat(full.terminate()).isIn(0, 143);
            }
            int attemptsBefore = attempts(execLog);

            // the same node again, with the worker role only (flag form)
            try (ServerProcess worker = ServerProcess.startHealthy(BUNDLE, tmp.resolve("server"), QUICK_RETRIES, "--listen-mode", "tcp",
                    "--roles", "worker")) {
                assertThat(selected(worker)).containsExactlyInAnyOrder("worker", "schema", "listener-tcp", "storage-lmdb", "fabric");
                assertThat(worker.addresses().keySet()).containsExactly("fabric.tcp", "fabric.advertised");
                assertThat(Files.readAllLines(worker.stdout)).noneMatch(line -> line.startsWith("admin.") || line.startsWith("ingress."));
                int fabricPort = Integer.parseInt(worker.addresses().get("fabric.tcp").replaceAll(".*:", ""));
                assertThat(ListeningSockets.tcpPorts(worker.process.pid())).as("no admin or ingress port").containsExactly(fabricPort);
                // the engine retries the stored invocation: it resolved the deployment from the registry's stored data
                awaitAttempts(execLog, attemptsBefore + 2);
                assertThat(worker.terminate()).isIn(0, 143);
            }
        }
    }

    @Test
    void anAdminOnlyNodeServesRegistrationAndTheAdminApiAndSaysWhatNeedsAWorker() throws Exception {
        try (SdkServices services = SdkServices.typescript(false, tmp.resolve("exec.log"));
             ServerProcess admin = ServerProcess.startHealthy(BUNDLE, tmp.resolve("server"), Map.of("RESTATE_ROLES", "admin"),
                     "--listen-mode", "tcp")) {
            assertThat(selected(admin)).containsExactlyInAnyOrder("admin", "schema", "listener-tcp", "storage-lmdb", "fabric", "sql", "pgwire", "ui");
            assertThat(admin.addresses().keySet()).containsExactly("fabric.tcp", "fabric.advertised", "admin.tcp", "admin.advertised", "pgwire.tcp", "pgwire.advertised");
            String api = admin.url("admin");

            String id = register(admin, services);
            assertThat(Http.get(api + "/deployments").body()).contains(id);
            assertThat(Http.get(api + "/deployments/" + id).statusCode()).isEqualTo(200);
            HttpResponse<String> flow = Http.get(api + "/services/Flow");
            assertThat(flow.statusCode()).isEqualTo(200);
            // no engine here, so nothing configured: Restate's defaults, as Restate shows them
            assertThat(flow.body()).contains("\"inactivity_timeout\":\"1m\"").contains("\"abort_timeout\":\"10m\"")
                    .contains("\"max_attempts\":70");
            assertThat(Http.get(api + "/version").body()).as("no ingress on this node").doesNotContain("ingress_endpoint");

            HttpResponse<String> query = Http.post(api + "/query", "{\"query\":\"SELECT id FROM sys_invocation\"}");
            assertThat(query.statusCode()).isEqualTo(503);
            assertThat(query.headers().firstValue("content-type")).contains("application/json");
            assertThat(query.body()).startsWith("{\"message\":\"No worker runs on this node (its roles do not include \\\"worker\\\"), and"
                    + " querying invocations and state (/query) needs the engine.").endsWith("\"restate_code\":null}");

            // the web UI serves its pages here too, and says that its data needs a worker
            assertThat(Http.get(api + "/ui/").body()).contains("<script type=\"importmap\">");
            HttpResponse<String> invocations = Http.get(api + "/ui/api/invocations");
            assertThat(invocations.statusCode()).isEqualTo(503);
            assertThat(invocations.body()).contains("No worker runs on this node");
        }
    }

    @Test
    void anIngressWithoutAWorkerStartsAndRefusesInvocationsSayingWhy() throws Exception {
        try (SdkServices services = SdkServices.typescript(false, tmp.resolve("exec.log"));
             ServerProcess node = ServerProcess.startHealthy(BUNDLE, tmp.resolve("server"), Map.of("RESTATE_ROLES", "admin,http-ingress"),
                     "--listen-mode", "tcp")) {
            assertThat(selected(node)).containsExactlyInAnyOrder("admin", "ingress", "schema", "listener-tcp", "storage-lmdb", "fabric", "sql", "pgwire", "ui");
            register(node, services);
            String ingress = node.url("ingress");

            HttpResponse<String> call = Http.post(ingress + "/Flow/noop", "");
            HttpResponse<String> resolve = Http.post(ingress + "/restate/awakeables/sign_1J8-wPxtxQPSiTcVYJpor4s6OiVs5vVPqAAAAEQ/resolve", "1");

            for (HttpResponse<String> refused : List.of(call, resolve)) {
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.body()).contains("No worker runs on this node (its roles do not include \\\"worker\\\"), so it cannot run invocations.");
            }
            assertThat(Http.post(ingress + "/Nope/noop", "").statusCode()).as("requests are still validated against the schema").isEqualTo(404);
        }
    }

    /** Registers the TypeScript services through the node's admin API; returns the deployment id. */
    private static String register(ServerProcess server, SdkServices services) throws Exception {
        HttpResponse<String> registered = Http.post(server.url("admin") + "/deployments", "{\"uri\":\"" + services.uri() + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return registered.body().replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
    }

    /** The plugin ids the kernel logged as selected. */
    private static List<String> selected(ServerProcess server) throws Exception {
        String log = server.output();
        String line = log.lines().filter(l -> l.contains("plugins installed: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin selection logged:\n" + log));
        return Arrays.asList(line.substring(line.indexOf("selected: ") + "selected: ".length()).trim().split(", "));
    }

    private static int attempts(Path execLog) throws Exception {
        return Files.exists(execLog) ? (int) Files.readAllLines(execLog).stream().filter("alwaysFails"::equals).count() : 0;
    }

    private static void awaitAttempts(Path execLog, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (attempts(execLog) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " attempts of Flow/alwaysFails, saw " + attempts(execLog));
            }
            Thread.sleep(50);
        }
    }
}
