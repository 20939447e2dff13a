package dev.resolute.worker.tables;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Keyspace;
import dev.resolute.worker.engine.pb.ModifyState;
import java.util.List;
import java.util.Optional;

/**
 * State replacements (the admin API's) waiting for their object's lock. Their sequence numbers come from the same
 * counter as the {@link InboxTable}'s, so together the two tables give the object's arrival order.
 *
 * <pre>state_mutations   partition key u64 · service · key · seq u64 → ModifyState</pre>
 */
public final class StateMutationsTable extends Table {
    private static final TableSchema SCHEMA = new TableSchema("state_mutations", Optional.empty(),
            List.of(Column.of("partition_key", ColumnType.U64), Column.of("service_name", ColumnType.STRING),
                    Column.of("service_key", ColumnType.STRING), Column.of("sequence_number", ColumnType.U64)),
            List.of(Column.message("mutation", ModifyState.getDescriptor())));

    /** One waiting replacement. */
    public record Entry(ObjectKey object, long seq, ModifyState mutation) {
    }

    StateMutationsTable(Keyspace keyspace) {
        super(keyspace, SCHEMA);
    }

    public void enqueue(Tx tx, ObjectKey object, long seq, ModifyState mutation) {
        tx.put(keyspace, InboxTable.key(object, seq), mutation.toByteArray());
    }

    /**
     * The longest-waiting replacement of the object.
     *
     * @throws UnreadableRowException if the stored row is not a {@code ModifyState}
     */
    public Optional<Entry> first(Reads reads, ObjectKey object) {
        return reads.first(keyspace, KeyRange.prefix(object.prefix())).map(kv -> {
            try {
                return new Entry(object, Bytes.u64(kv.key(), kv.key().length - 8), ModifyState.parseFrom(kv.value()));
            } catch (InvalidProtocolBufferException e) {
                throw new UnreadableRowException(keyspace.name(), kv.key(), e);
            }
        });
    }

    public void remove(Tx tx, Entry entry) {
        tx.delete(keyspace, InboxTable.key(entry.object(), entry.seq()));
    }
}
