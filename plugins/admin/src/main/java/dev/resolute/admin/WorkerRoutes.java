package dev.resolute.admin;

import java.util.List;
import java.util.Optional;

/**
 * The admin API routes Restate serves by asking the engine rather than the schema registry: SQL
 * introspection, invocation management and writes to a virtual object's state. A node without the
 * worker role cannot serve them, and says so instead of answering as if the route did not exist.
 */
final class WorkerRoutes {
    private WorkerRoutes() {
    }

    /**
     * Why a node without a worker refuses this route (path segments after any {@code /vN} prefix), or
     * empty if the route does not need the engine.
     */
    static Optional<String> refusal(List<String> segments) {
        return operation(segments).map(operation -> "No worker runs on this node (its roles do not include \"worker\"), and "
                + operation + " needs the engine. Send the request to the admin API of a node that runs the worker role.");
    }

    private static Optional<String> operation(List<String> segments) {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        String first = segments.get(0);
        if (first.equals("query") && segments.size() == 1) {
            return Optional.of("querying invocations and state (/query)");
        }
        if (first.equals("internal") && segments.size() == 3 && segments.get(1).equals("invocations_batch_operations")) {
            return Optional.of("managing invocations in batch (" + segments.get(2) + ")");
        }
        if (first.equals("invocations") && segments.size() >= 2) {
            return Optional.of("managing invocation " + segments.get(1) + " (cancel, kill, purge, ...)");
        }
        if (first.equals("services") && segments.size() == 3 && segments.get(2).equals("state")) {
            return Optional.of("changing the state of " + segments.get(1));
        }
        return Optional.empty();
    }
}
