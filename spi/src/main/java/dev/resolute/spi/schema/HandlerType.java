package dev.resolute.spi.schema;

/**
 * How a handler runs. A {@link ServiceType#SERVICE}'s handlers are {@link #SHARED}: they take no lock
 * (the admin API shows no type for them, as Restate's does).
 */
public enum HandlerType {
    /** Holds the key's lock: one at a time per virtual-object key. */
    EXCLUSIVE,
    /** Takes no lock; may read state but not write it (objects and workflows). */
    SHARED,
    /** The workflow's {@code run}: at most once per workflow key. */
    WORKFLOW
}
