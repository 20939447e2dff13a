package dev.resolute.fabric;

import dev.resolute.spi.ListenerStats;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * JVM and listener metrics in a registry of this endpoint's own, so two servers in one JVM (tests)
 * never share one.
 *
 * <p>The JVM collectors are registered one by one rather than through {@code JvmMetrics}: that
 * keeps every registry in a static set, and its {@code JvmMemoryPoolAllocationMetrics} adds GC
 * notification listeners that can never be removed; both would outlive {@code stop()}. What is
 * left reads the MX beans at scrape time and holds nothing to release.
 *
 * <p>Listener metrics are callback metrics of the same client rather than hand-written lines: the
 * client already escapes label values (socket paths) and writes HELP/TYPE for the JVM metrics, so
 * one writer serves both.
 */
final class FabricMetrics {

    private static final String[] LABELS = {"service", "transport", "address"};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Supplier<List<ListenerStats>> listeners;

    FabricMetrics(Supplier<List<ListenerStats>> listeners) {
        this.listeners = listeners;
        JvmThreadsMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmNativeMemoryMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);

        GaugeWithCallback.builder()
                .name("restate_listener_connections_open")
                .help("Connections open now on a bound socket.")
                .labelNames(LABELS)
                .callback(sink -> listeners.get().forEach(s -> sink.call(s.connectionsOpen(), labelValues(s))))
                .register(registry);
        counter("restate_listener_connections", "Connections accepted on a bound socket.", ListenerStats::connections);
        counter("restate_listener_requests", "HTTP requests or HTTP/2 streams handled on a bound socket.", ListenerStats::requests);
        counter("restate_listener_bytes_in", "Bytes read from a bound socket.", ListenerStats::bytesIn);
        counter("restate_listener_bytes_out", "Bytes written to a bound socket.", ListenerStats::bytesOut);
    }

    /** The client appends {@code _total} to counter names. */
    private void counter(String name, String help, ToLongFunction<ListenerStats> value) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames(LABELS)
                .callback(sink -> listeners.get().forEach(s -> sink.call(value.applyAsLong(s), labelValues(s))))
                .register(registry);
    }

    private static String[] labelValues(ListenerStats stats) {
        return new String[] {stats.address().service(), stats.address().transport().id(), stats.address().address()};
    }

    String contentType() {
        return writer.getContentType();
    }

    byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape());
        return out.toByteArray();
    }
}
