package dev.resolute.worker.introspection;

import dev.resolute.spi.storage.Storage;
import dev.resolute.worker.tables.Tables;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the introspection tables read: the engine's store and tables, and which invocations have an attempt
 * running now (the invoker's memory, for {@code in_flight}).
 *
 * @param storage  the store the engine writes
 * @param tables   its tables over that store
 * @param inFlight whether an attempt of an invocation (its 24-byte id) runs now
 * @param sdkOf    the SDK a deployment (by id) introduced itself as ({@code x-restate-server}), if it did
 */
record EngineData(Storage storage, Tables tables, Predicate<byte[]> inFlight, Function<String, Optional<String>> sdkOf) {
    EngineData {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(inFlight, "inFlight");
        Objects.requireNonNull(sdkOf, "sdkOf");
    }
}
