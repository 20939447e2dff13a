package dev.resolute.worker.engine;

import dev.resolute.worker.tables.Reads;
import dev.resolute.worker.tables.Tx;

/** What a {@link PartitionRunner} tells about each batch it commits, when anyone watches. */
interface CommitWatch {
    /** Nobody, ever. */
    CommitWatch NONE = new CommitWatch() {
        @Override
        public boolean watching() {
            return false;
        }

        @Override
        public Runnable changed(int partition, Tx tx, Reads before) {
            return () -> { };
        }
    };

    /** Whether anyone watches now; when not, the runner asks nothing more (the hot path stays as it was). */
    boolean watching();

    /**
     * Reads what the batch in {@code tx} changed, before its commit ({@code before} is the committed state it was
     * applied on), and returns what tells the watchers, to run once the batch is durable.
     */
    Runnable changed(int partition, Tx tx, Reads before);
}
