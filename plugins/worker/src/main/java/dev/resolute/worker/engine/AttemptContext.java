package dev.resolute.worker.engine;

import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.tables.Tables;
import org.eclipse.jetty.client.HttpClient;

/**
 * What every attempt works with: it reads the committed journal from {@code storage}, reaches the
 * deployment through {@code targets} and {@code client}, and proposes what the SDK sends to {@code partitions}.
 */
record AttemptContext(Storage storage, Tables tables, Targets targets, Partitions partitions, HttpClient client, InvokerSettings settings) {
}
