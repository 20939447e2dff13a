package dev.resolute.schema;

import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a re-discovered manifest may replace a deployment in place: Restate's META0016 rules. In-flight
 * invocations stay pinned to the deployment, so everything they may still call must remain as it was.
 */
final class UpdateCompatibility {
    private UpdateCompatibility() {
    }

    /** What keeps {@code found} from replacing {@code current}; empty if it may. */
    static List<String> problems(Deployment current, Manifest found) {
        List<String> problems = new ArrayList<>();
        if (current.minProtocolVersion() != found.minProtocolVersion() || current.maxProtocolVersion() != found.maxProtocolVersion()) {
            problems.add("the supported protocol versions changed from [" + current.minProtocolVersion() + ", "
                    + current.maxProtocolVersion() + "] to [" + found.minProtocolVersion() + ", " + found.maxProtocolVersion() + "]");
        }
        for (Service before : current.services()) {
            Optional<DiscoveredService> after = found.services().stream().filter(s -> s.name().equals(before.name())).findFirst();
            if (after.isEmpty()) {
                problems.add("the service '" + before.name() + "' was removed");
                continue;
            }
            if (after.get().type() != before.type()) {
                problems.add("the service '" + before.name() + "' changed its type from " + before.type() + " to " + after.get().type());
            }
            for (Handler handler : before.handlers()) {
                if (after.get().handlers().stream().noneMatch(h -> h.name().equals(handler.name()))) {
                    problems.add("the handler '" + before.name() + "/" + handler.name() + "' was removed");
                }
            }
        }
        return problems;
    }
}
