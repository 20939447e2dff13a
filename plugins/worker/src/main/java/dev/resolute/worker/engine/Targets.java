package dev.resolute.worker.engine;

import dev.resolute.spi.invocation.InvocationException;
import dev.resolute.worker.engine.pb.Invoke;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What the engine needs from the schema registry: resolving targets, and how to reach a deployment. */
public interface Targets {

    /**
     * An {@link Invoke} with the target (service and handler kinds) and the latest deployment (id and
     * negotiated protocol version) filled in.
     *
     * @throws TargetException naming what does not exist or cannot be invoked
     */
    Invoke resolve(String service, String handler, String key);

    /**
     * The deployment to move an invocation of {@code service} to (the admin API's resume and restart-as-new): the one
     * named, or the latest one serving the service when {@code deploymentId} is empty. It must speak the invocation's
     * pinned {@code protocolVersion}, since its journal is replayed as recorded.
     *
     * @throws TargetException of kind {@code INVALID_REQUEST} saying why no such deployment can take it
     */
    dev.resolute.worker.engine.pb.Deployment repin(Optional<String> deploymentId, String service, int protocolVersion);

    /**
     * As {@link #resolve(String, String, String)}, for a request with {@code idempotencyKey} (empty: none), which
     * decides how long its result is kept: the {@link Invoke} carries the key and the retention resolved for it.
     */
    default Invoke resolve(String service, String handler, String key, String idempotencyKey) {
        return resolve(service, handler, key).toBuilder().setIdempotencyKey(idempotencyKey).build();
    }

    /** How to run an attempt of {@code service}/{@code handler} on the pinned deployment. */
    AttemptSettings settings(String deploymentId, String service, String handler);

    /**
     * @param uri               the deployment's base URI
     * @param http2             HTTP/2 (h2c prior knowledge for http://) rather than HTTP/1.1
     * @param bidi              BIDI_STREAM rather than REQUEST_RESPONSE
     * @param headers           additional headers registered with the deployment
     * @param lazyState         whether state is fetched lazily instead of sent in the StartMessage
     * @param inactivityTimeout the service's or handler's override of worker.invoker.inactivity-timeout
     * @param abortTimeout      the override of worker.invoker.abort-timeout
     */
    record AttemptSettings(URI uri, boolean http2, boolean bidi, Map<String, String> headers, boolean lazyState,
                           Optional<Duration> inactivityTimeout, Optional<Duration> abortTimeout) {
    }

    /** A target that does not exist or cannot be invoked, with the kind of problem the ingress maps to a status. */
    final class TargetException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final InvocationException.Kind kind;

        public TargetException(InvocationException.Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public InvocationException.Kind kind() {
            return kind;
        }
    }
}
