package dev.resolute.worker.engine;

import java.time.Duration;

/**
 * The invoker's configuration ({@code [worker.invoker]}, reference §7).
 *
 * @param inactivityTimeout     bidi: idle time after which the request stream is closed so the SDK suspends
 * @param abortTimeout          how long an attempt may then take to end before it is aborted
 * @param concurrencyLimit      attempts running at once on this node
 * @param messageSizeLimit      largest frame accepted from a service
 * @param eagerStateSizeLimit   largest state sent in the StartMessage (0 = never eager)
 * @param maxProtocolVersion    6, or 7 when protocol V7 is enabled
 * @param clusterName           sent as x-restate-cluster-name
 */
public record InvokerSettings(Duration inactivityTimeout, Duration abortTimeout, int concurrencyLimit, long messageSizeLimit,
                       long eagerStateSizeLimit, int maxProtocolVersion, String clusterName) {
}
