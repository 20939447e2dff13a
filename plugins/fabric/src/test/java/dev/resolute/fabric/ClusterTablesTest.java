package dev.resolute.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.resolute.spi.invocation.EngineInfo;
import dev.resolute.spi.invocation.PartitionStatus;
import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.RowScan;
import dev.resolute.spi.query.ScanFilter;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.schema.InvocationOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster tables restatectl's sql reads: rows that fit their columns, from the node's facts. */
class ClusterTablesTest {

    private static final EngineInfo ENGINE = new EngineInfo() {
        @Override
        public InvocationOptions defaults() {
            return InvocationOptions.NONE;
        }

        @Override
        public List<PartitionStatus> partitions() {
            return List.of(new PartitionStatus(0, 0, Long.MAX_VALUE, 5, true), new PartitionStatus(1, Long.MIN_VALUE, -1, 9, false));
        }
    };

    private static final NodeFacts NODE = new NodeFacts("node-1", "localcluster", 4, "http://127.0.0.1:5122/",
            List.of("admin", "worker"), Instant.EPOCH, 2, Optional.of(ENGINE));

    @Test
    void everyRowHoldsOneValueOfItsColumnsTypePerColumn() {
        for (IntrospectedTable table : ClusterTables.of(NODE)) {
            List<Object[]> rows = rows(table);
            assertTrue(!rows.isEmpty(), table.name());
            for (Object[] row : rows) {
                assertEquals(table.columns().size(), row.length, table.name() + ": " + Arrays.toString(row));
                for (int i = 0; i < row.length; i++) {
                    Class<?> expected = switch (table.columns().get(i).type()) {
                        case UTF8 -> String.class;
                        case BOOLEAN -> Boolean.class;
                        case UINT32, UINT64, INT64 -> Long.class;
                        default -> throw new AssertionError("the cluster tables use no " + table.columns().get(i).type());
                    };
                    assertTrue(row[i] == null || expected.isInstance(row[i]), table.name() + "." + table.columns().get(i).name() + " = " + row[i]);
                }
            }
        }
    }

    @Test
    void theNodeRowShowsItsRolesAndStates() {
        Object[] node = rows(ClusterTables.nodes(NODE)).get(0);

        assertEquals(List.of("N1", "N1:4", "alive", "node-1", "http://127.0.0.1:5122/"), Arrays.asList(node).subList(0, 5));
        assertEquals(List.of(true, true, false, false, false), Arrays.asList(node).subList(7, 12));
        assertEquals(Arrays.asList(null, "active", null), Arrays.asList(node).subList(12, 15));
    }

    @Test
    void partitionsAreTheEnginesWithTheirKeyRangesAndAStoppedOneHasNoLeader() {
        List<Object[]> partitions = rows(ClusterTables.partitions(NODE));

        assertEquals(List.of(0L, 0L, Long.MAX_VALUE, 0L, "data-0", "N1:4", "N1", "e4"), Arrays.asList(partitions.get(0)).subList(0, 8));
        assertEquals(Arrays.asList(1L, Long.MIN_VALUE, -1L, 1L, "data-1", null, null), Arrays.asList(partitions.get(1)).subList(0, 7));
    }

    @Test
    void logsAreOneReplicatedSegmentPerPartition() {
        List<Object[]> logs = rows(ClusterTables.logs(NODE));

        assertEquals(2, logs.size());
        assertEquals(List.of(1L, 0L, 1L, "replicated", "1_0", "N1:4", "{node: 1}", "[N1]", 1L), Arrays.asList(logs.get(1)));
        assertEquals(SqlType.UINT64, ClusterTables.logs(NODE).columns().get(2).type());
    }

    @Test
    void aNodeWithoutTheWorkerHasNoPartitionRows() {
        NodeFacts adminOnly = new NodeFacts("a", "c", 1, "unix:/a.sock", List.of("admin"), Instant.EPOCH, 3, Optional.empty());

        assertEquals(0, rows(ClusterTables.partitions(adminOnly)).size());
        assertEquals(3, rows(ClusterTables.logs(adminOnly)).size());
    }

    private static List<Object[]> rows(IntrospectedTable table) {
        List<Object[]> rows = new ArrayList<>();
        try (RowScan scan = table.scan(ScanFilter.ALL)) {
            scan.forEachRemaining(rows::add);
        }
        return rows;
    }
}
