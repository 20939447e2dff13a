package dev.resolute.worker.fsm;

import com.google.protobuf.ByteString;
import dev.resolute.worker.engine.pb.ModifyState;
import dev.resolute.worker.engine.pb.Reply;
import dev.resolute.worker.ids.PartitionKeys;
import dev.resolute.worker.tables.MetaTable;
import dev.resolute.worker.tables.ObjectKey;
import dev.resolute.worker.tables.StateMutationsTable;
import dev.resolute.worker.tables.Tables;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * Replacing an object's whole state for the admin API, in order with its inbox: like an exclusive invocation, a
 * replacement waits while the object's lock is held, and applies when the invocations that arrived before it have
 * run. A replacement made against a version of the state (restate-protocol.md §4.5) that is no longer current changes
 * nothing; it is recorded as rejected, so the log says why.
 */
final class StateReplacements {
    private final Tables tables;
    private final Partition partition;
    private final Rejections rejections;

    StateReplacements(Tables tables, Partition partition, Rejections rejections) {
        this.tables = tables;
        this.partition = partition;
        this.rejections = rejections;
    }

    /** Applies the replacement now if the object's lock is free, else queues it behind what waits for the lock. */
    void request(ApplyContext ctx, ModifyState mutation) {
        ObjectKey object = new ObjectKey(PartitionKeys.of(mutation.getKey()), mutation.getService(), mutation.getKey());
        if (tables.locks().holder(ctx.tx(), object).isPresent()) {
            long seq = tables.meta().next(ctx.tx(), partition.index(), MetaTable.Counter.INBOX);
            tables.stateMutations().enqueue(ctx.tx(), object, seq, mutation);
        } else {
            apply(ctx, object, mutation);
        }
    }

    /** The object's lock was released: applies the queued replacements that arrived before inbox entry {@code beforeSeq}. */
    void applyQueued(ApplyContext ctx, ObjectKey object, long beforeSeq) {
        Optional<StateMutationsTable.Entry> next;
        while ((next = tables.stateMutations().first(ctx.tx(), object)).isPresent() && next.get().seq() < beforeSeq) {
            tables.stateMutations().remove(ctx.tx(), next.get());
            apply(ctx, object, next.get().mutation());
        }
    }

    private void apply(ApplyContext ctx, ObjectKey object, ModifyState mutation) {
        if (mutation.hasVersion()) {
            String current = version(ctx, object);
            if (!current.equals(mutation.getVersion())) {
                String reason = "the state of " + object.service() + "/" + object.key() + " was not replaced: the request expected version "
                        + mutation.getVersion() + ", the state has version " + current;
                rejections.record(ctx, "MODIFY_STATE", ByteString.EMPTY, reason);
                ctx.reply(Replies.of(Reply.Code.CONFLICT, reason));
                return;
            }
        }
        tables.state().clear(ctx.tx(), object);
        mutation.getEntriesList().forEach(e -> tables.state().put(ctx.tx(), object, e.getKey().toByteArray(), e.getValue().toByteArray()));
    }

    /** Restate's state version: SHA-256 over the entries in key order, each framed with its index, base64url unpadded. */
    private String version(ApplyContext ctx, ObjectKey object) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        long[] index = {0};
        tables.state().entries(ctx.tx(), object, entry -> {
            framed.writeBytes(ByteBuffer.allocate(8).putLong(index[0]++).array());
            framed.write(0x01);
            framed.writeBytes(entry.key());
            framed.write(0x02);
            framed.writeBytes(entry.value());
            framed.write(0x03);
            return true;
        });
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(framed.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
