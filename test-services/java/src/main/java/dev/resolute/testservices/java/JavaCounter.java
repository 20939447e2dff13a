package dev.resolute.testservices.java;

import dev.restate.sdk.ObjectContext;
import dev.restate.sdk.SharedObjectContext;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Shared;
import dev.restate.sdk.annotation.VirtualObject;
import dev.restate.sdk.common.StateKey;

/** A per-key counter: exclusive {@code add} reads and writes state, shared {@code get} only reads it. */
@VirtualObject
public class JavaCounter {
    private static final StateKey<Long> COUNT = StateKey.of("count", Long.class);

    @Handler
    public long add(ObjectContext ctx, long delta) {
        long next = ctx.get(COUNT).orElse(0L) + delta;
        ctx.set(COUNT, next);
        return next;
    }

    @Shared
    @Handler
    public long get(SharedObjectContext ctx) {
        return ctx.get(COUNT).orElse(0L);
    }
}
