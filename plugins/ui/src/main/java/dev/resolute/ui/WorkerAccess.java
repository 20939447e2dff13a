package dev.resolute.ui;

import dev.resolute.spi.browse.InvocationBrowser;
import dev.resolute.spi.browse.InvocationChanges;
import dev.resolute.spi.invocation.InvocationControl;
import dev.resolute.spi.invocation.ObjectStates;
import java.util.Optional;

/**
 * The worker's services on this node, each present only when the node runs the worker role: a route that needs one
 * that is missing answers 503 saying so, while the pages and everything else keep working.
 */
final class WorkerAccess {
    static final String NO_WORKER = "No worker runs on this node (its roles do not include \"worker\"), and the web UI reads"
            + " invocations and state from the engine. Open the UI on a node that runs the worker role.";

    private final Optional<InvocationBrowser> browser;
    private final Optional<InvocationChanges> changes;
    private final Optional<InvocationControl> control;
    private final Optional<ObjectStates> states;

    WorkerAccess(Optional<InvocationBrowser> browser, Optional<InvocationChanges> changes, Optional<InvocationControl> control,
                 Optional<ObjectStates> states) {
        this.browser = browser;
        this.changes = changes;
        this.control = control;
        this.states = states;
    }

    InvocationBrowser browser() {
        return browser.orElseThrow(WorkerAccess::missing);
    }

    InvocationControl control() {
        return control.orElseThrow(WorkerAccess::missing);
    }

    ObjectStates states() {
        return states.orElseThrow(WorkerAccess::missing);
    }

    /** The change feed, if the worker runs here and provides it. */
    Optional<InvocationChanges> changes() {
        return changes;
    }

    private static ApiException missing() {
        return new ApiException(503, NO_WORKER);
    }
}
