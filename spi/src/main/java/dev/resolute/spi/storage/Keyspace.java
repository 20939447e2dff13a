package dev.resolute.spi.storage;

/**
 * A handle to one named keyspace (a table) of a {@link Storage}, obtained from
 * {@link Storage#keyspace(String)}.
 *
 * <p>Implementors return an engine-specific handle, one instance per name and store, compared by
 * identity (no {@code equals}/{@code hashCode} that touch engine objects). A handle is only valid
 * with the store instance that returned it, and that store must reject foreign handles with
 * {@link IllegalArgumentException}.
 */
public interface Keyspace {

    /** The name it was opened with. */
    String name();
}
