package dev.resolute.schema;

import dev.resolute.spi.schema.Handler;
import dev.resolute.spi.schema.HandlerType;
import dev.resolute.spi.schema.InvocationOptions;
import dev.resolute.spi.schema.Service;
import dev.resolute.spi.schema.ServiceChange;
import java.util.List;

/**
 * Applies a {@link ServiceChange} to a service revision. The public flag goes to the service and every
 * handler (as Restate's ModifyService); retentions and timeouts to the service's options, where the
 * engine's fallback chain finds them, except the workflow completion retention, which is the
 * {@link HandlerType#WORKFLOW} handler's own.
 */
final class ServiceOverrides {
    private ServiceOverrides() {
    }

    static Service apply(Service s, ServiceChange change) {
        boolean isPublic = change.isPublic().orElse(s.isPublic());
        InvocationOptions o = s.options();
        InvocationOptions options = new InvocationOptions(change.inactivityTimeout().or(o::inactivityTimeout),
                change.abortTimeout().or(o::abortTimeout), change.idempotencyRetention().or(o::idempotencyRetention),
                change.journalRetention().or(o::journalRetention), o.workflowCompletionRetention(), o.enableLazyState(), o.retry());
        List<Handler> handlers = s.handlers().stream().map(h -> handler(h, change)).toList();
        return new Service(s.name(), s.type(), s.revision(), s.deploymentId(), isPublic, handlers, s.documentation(),
                s.metadata(), options);
    }

    private static Handler handler(Handler h, ServiceChange change) {
        InvocationOptions o = h.options();
        InvocationOptions options = h.type() != HandlerType.WORKFLOW ? o : new InvocationOptions(o.inactivityTimeout(),
                o.abortTimeout(), o.idempotencyRetention(), o.journalRetention(),
                change.workflowCompletionRetention().or(o::workflowCompletionRetention), o.enableLazyState(), o.retry());
        return new Handler(h.name(), h.type(), change.isPublic().orElse(h.isPublic()), h.input(), h.output(),
                h.documentation(), h.metadata(), options);
    }
}
