package dev.resolute.dist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Resolute and the official server side by side for the differential tests: each with its own TypeScript services
 * (their own process, so the services' in-memory state — attempt counters, fixed tags — is not shared), registered
 * through the official CLI, and the {@link DifferentialWorkload} run on both at once.
 */
final class SideBySide implements AutoCloseable {

    /** One server with its services, a CLI pointed at it and what the workload's synchronous steps answered. */
    record Side(String name, String admin, String ingress, String servicesUri, RestateCli cli, Path execLog,
                Map<String, String> answers) {
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    Side resolute;
    Side official;

    /** Starts both servers and their services in {@code tmp}, registers the services and runs the workload on both. */
    static SideBySide start(Path tmp) throws Exception {
        SideBySide both = new SideBySide();
        try {
            // the official server negotiates service protocol V6 unless told otherwise; so must Resolute, for the
            // journals to be comparable
            ServerProcess resoluteServer = both.keep(ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE,
                    tmp.resolve("resolute/server"), Map.of("RESTATE_EXPERIMENTAL_ENABLE_PROTOCOL_V7", "false"), "--listen-mode", "tcp"));
            OfficialServer officialServer = both.keep(OfficialServer.startHealthy(tmp.resolve("official/server")));
            CompletableFuture<Side> resolute = both.side("resolute", tmp.resolve("resolute"),
                    resoluteServer.url("admin"), resoluteServer.url("ingress"));
            CompletableFuture<Side> official = both.side("official", tmp.resolve("official"),
                    officialServer.admin(), officialServer.ingress());
            both.resolute = resolute.join();
            both.official = official.join();
            return both;
        } catch (Exception | Error e) {
            both.close();
            throw e;
        }
    }

    private CompletableFuture<Side> side(String name, Path dir, String admin, String ingress) throws Exception {
        Path execLog = dir.resolve("exec.log");
        SdkServices services = keep(SdkServices.typescript(true, execLog, "--module=./differential-services"));
        RestateCli cli = new RestateCli(admin, dir.resolve("cli"));
        return CompletableFuture.supplyAsync(() -> {
            try {
                cli.ok("deployments", "register", services.uri(), "--use-http1.1", "--yes");
                return new Side(name, admin, ingress, services.uri(), cli, execLog, DifferentialWorkload.run(ingress, execLog));
            } catch (Exception e) {
                throw new IllegalStateException(name + ": " + e.getMessage(), e);
            }
        });
    }

    private synchronized <T extends AutoCloseable> T keep(T resource) {
        started.add(resource);
        return resource;
    }

    /** Both sides, Resolute first. */
    List<Side> both() {
        return List.of(resolute, official);
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
