package dev.resolute.worker.engine;

import dev.resolute.spi.schema.RequestIdentity;
import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.tables.Tables;
import org.eclipse.jetty.client.HttpClient;

/**
 * What every attempt works with: it reads the committed journal from {@code storage}, reaches the
 * deployment through {@code targets} and {@code client} (signing each request with {@code identity}), and proposes what the SDK sends to {@code partitions}.
 */
record AttemptContext(Storage storage, Tables tables, Targets targets, Partitions partitions, HttpClient client, RequestIdentity identity,
                      InvokerSettings settings) {
}
