package dev.resolute.fabric;

import dev.resolute.spi.invocation.PartitionStatus;
import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.RowScan;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The cluster tables restatectl's {@code sql} queries ({@code nodes}, {@code partitions}, {@code logs}, with the
 * columns of Restate's cluster tables), over this one-node cluster. They are a few rows at most, computed from memory
 * at each scan.
 */
final class ClusterTables {

    private ClusterTables() {
    }

    static List<IntrospectedTable> of(NodeFacts node) {
        return List.of(nodes(node), partitions(node), logs(node));
    }

    static IntrospectedTable nodes(NodeFacts node) {
        return new MemoryTable("nodes", List.of(
                utf8("plain_node_id"), utf8("gen_node_id"), utf8("state"), utf8("name"), utf8("address"), utf8("ctrl_address"),
                utf8("location"), bool("has_admin_role"), bool("has_worker_role"), bool("has_metadata_server_role"),
                bool("has_log_server_role"), bool("has_ingress_role"), utf8("storage_state"), utf8("worker_state"),
                utf8("metadata_server_state"), uint32("nodes_configuration_version"), utf8("binary_version")),
                () -> List.<Object[]>of(new Object[] {
                        "N" + NodeFacts.PLAIN_ID, node.generationalId(), "alive", node.name(), node.fabricAddress(), node.fabricAddress(),
                        "", node.has("admin"), node.has("worker"), node.has("metadata-server"), node.has("log-server"),
                        node.has("http-ingress"),
                        node.has("log-server") ? "read-write" : null,
                        node.has("worker") ? "active" : null,
                        node.has("metadata-server") ? "member" : null,
                        (long) MetadataBlobs.VERSION, null}));
    }

    static IntrospectedTable partitions(NodeFacts node) {
        return new MemoryTable("partitions", List.of(
                uint32("partition_id"), uint64("start_key"), uint64("end_key"), uint32("log_id"), utf8("cf_name"),
                utf8("leader_gen_node_id"), utf8("leader_plain_node_id"), utf8("leader_epoch"), uint32("v_current"),
                utf8("current_replica_set"), uint32("v_next"), utf8("next_replica_set"), uint32("partition_table_version")),
                () -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (PartitionStatus p : node.partitions()) {
                        rows.add(new Object[] {(long) p.id(), p.firstKey(), p.lastKey(), (long) p.id(), "data-" + p.id(),
                                p.running() ? node.generationalId() : null, p.running() ? "N" + NodeFacts.PLAIN_ID : null,
                                "e" + node.generation(), 0L, "N" + NodeFacts.PLAIN_ID, null, null, (long) MetadataBlobs.VERSION});
                    }
                    return rows;
                });
    }

    static IntrospectedTable logs(NodeFacts node) {
        return new MemoryTable("logs", List.of(
                uint32("log_id"), uint32("segment_index"), uint64("base_lsn"), utf8("kind"), utf8("loglet_id"), utf8("sequencer"),
                utf8("replication"), utf8("nodeset"), uint32("logs_metadata_version")),
                () -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (long logId = 0; logId < node.numPartitions(); logId++) {
                        rows.add(new Object[] {logId, 0L, 1L, "replicated", logId + "_0", node.generationalId(), ClusterProtos.ONE_NODE,
                                "[N" + NodeFacts.PLAIN_ID + "]", (long) MetadataBlobs.VERSION});
                    }
                    return rows;
                });
    }

    private static TableColumn utf8(String name) {
        return new TableColumn(name, SqlType.UTF8);
    }

    private static TableColumn bool(String name) {
        return new TableColumn(name, SqlType.BOOLEAN);
    }

    private static TableColumn uint32(String name) {
        return new TableColumn(name, SqlType.UINT32);
    }

    private static TableColumn uint64(String name) {
        return new TableColumn(name, SqlType.UINT64);
    }

    /** A table whose rows are computed from memory at each scan; the filter is left to the query engine. */
    private record MemoryTable(String name, List<TableColumn> columns, Supplier<List<Object[]>> rows) implements IntrospectedTable {

        @Override
        public RowScan scan(ScanFilter filter) {
            Iterator<Object[]> rows = this.rows.get().iterator();
            return new RowScan() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Object[] next() {
                    return rows.next();
                }

                @Override
                public void close() {
                    // nothing held: the rows are a list in memory
                }
            };
        }
    }
}
