package dev.resolute.spi.schema;

/** The type of a service, as its deployment's manifest declares it ({@code ty}). */
public enum ServiceType {
    /** Stateless handlers; no key. */
    SERVICE,
    /** Keyed state with a per-key lock for {@link HandlerType#EXCLUSIVE} handlers. */
    VIRTUAL_OBJECT,
    /** Keyed; one {@link HandlerType#WORKFLOW} run per key, plus {@link HandlerType#SHARED} handlers. */
    WORKFLOW;

    /** Whether invocations carry a key (objects and workflows). */
    public boolean isKeyed() {
        return this != SERVICE;
    }
}
