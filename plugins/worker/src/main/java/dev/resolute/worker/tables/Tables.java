package dev.resolute.worker.tables;

import dev.resolute.spi.storage.Storage;
import java.util.List;

/**
 * The engine's tables in one store. Keys of partitioned tables start with the partition key (or the partition
 * index), so each partition is a contiguous range; each table class owns its encoding and publishes its schema.
 */
public final class Tables {
    private final ActiveIndex active;
    private final StatusTable status;
    private final JournalTable journal;
    private final NotificationsTable notifications;
    private final StateTable state;
    private final LocksTable locks;
    private final InboxTable inbox;
    private final TimersTable timers;
    private final OutboxTable outbox;
    private final MetaTable meta;
    private final RejectedTable rejected;
    private final PromisesTable promises;
    private final StateMutationsTable stateMutations;
    private final RetentionIndex retention;
    private final CreationIndex created;
    private final CompletionCounts completionCounts;

    /** Opens (and creates when missing) every table's keyspace. */
    public Tables(Storage storage) {
        active = new ActiveIndex(storage.keyspace("active"));
        status = new StatusTable(storage.keyspace("status"), active);
        journal = new JournalTable(storage.keyspace("journal"));
        notifications = new NotificationsTable(storage.keyspace("notifications"));
        state = new StateTable(storage.keyspace("state"));
        locks = new LocksTable(storage.keyspace("locks"));
        inbox = new InboxTable(storage.keyspace("inbox"));
        timers = new TimersTable(storage.keyspace("timers"));
        outbox = new OutboxTable(storage.keyspace("outbox"));
        meta = new MetaTable(storage.keyspace("meta"));
        rejected = new RejectedTable(storage.keyspace("rejected"));
        promises = new PromisesTable(storage.keyspace("workflow_promises"));
        stateMutations = new StateMutationsTable(storage.keyspace("state_mutations"));
        retention = new RetentionIndex(storage.keyspace("retention-expiry"));
        created = new CreationIndex(storage.keyspace("created"));
        completionCounts = new CompletionCounts(storage.keyspace("completion-counts"));
    }

    public StatusTable status() {
        return status;
    }

    public ActiveIndex active() {
        return active;
    }

    public JournalTable journal() {
        return journal;
    }

    public NotificationsTable notifications() {
        return notifications;
    }

    public StateTable state() {
        return state;
    }

    public LocksTable locks() {
        return locks;
    }

    public InboxTable inbox() {
        return inbox;
    }

    public TimersTable timers() {
        return timers;
    }

    public OutboxTable outbox() {
        return outbox;
    }

    public MetaTable meta() {
        return meta;
    }

    public RejectedTable rejected() {
        return rejected;
    }

    public PromisesTable promises() {
        return promises;
    }

    public StateMutationsTable stateMutations() {
        return stateMutations;
    }

    public RetentionIndex retention() {
        return retention;
    }

    public CreationIndex created() {
        return created;
    }

    public CompletionCounts completionCounts() {
        return completionCounts;
    }

    /** Every table, for introspection and for comparing stores. */
    public List<Table> all() {
        return List.of(status, active, journal, notifications, state, locks, inbox, timers, outbox, meta, rejected, promises, stateMutations, retention,
                created, completionCounts);
    }
}
