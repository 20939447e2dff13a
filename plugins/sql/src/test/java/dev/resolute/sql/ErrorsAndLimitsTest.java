package dev.resolute.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.QueryResult;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors in the user's terms, the memory and concurrency bounds, pushdown and closing half-way. */
class ErrorsAndLimitsTest {
    private final Fixtures tables = new Fixtures();
    private final CalciteQueryEngine engine = new CalciteQueryEngine(tables::all, new QueryLimits(1 << 30, 2));

    private static QueryException.Kind kindOf(Runnable r) {
        try {
            r.run();
        } catch (QueryException e) {
            return e.kind();
        }
        throw new AssertionError("no QueryException");
    }

    @Test
    void aSyntaxErrorNamesTheProblemAndItsPositionInTheUsersText() {
        // the rewrite of == and the quoting of key shift the text Calcite sees; the position is still the user's
        assertThatThrownBy(() -> engine.execute("select key, value from state where service_name == 'x' and and"))
                .isInstanceOf(QueryException.class).hasMessageContaining("line 1, column 56")
                .hasMessageContaining("Encountered \"and and\"")
                .satisfies(e -> assertThat(((QueryException) e).kind()).isEqualTo(QueryException.Kind.INVALID));
    }

    @Test
    void anUnknownTableIsNamedWithTheTablesThatExist() {
        assertThatThrownBy(() -> engine.execute("SELECT * FROM sys_nope"))
                .hasMessageContaining("'sys_nope' not found").hasMessageContaining("line 1, column 15")
                .hasMessageContaining("The tables are: ").hasMessageContaining("state, sys_deployment, sys_inbox");
    }

    @Test
    void anUnknownColumnIsNamedWithTheTablesColumns() {
        assertThatThrownBy(() -> engine.execute("SELECT nope FROM sys_service"))
                .hasMessageContaining("Column 'nope' not found").hasMessageContaining("line 1, column 8")
                .hasMessageContaining("Columns of sys_service: name, revision, public, ty, deployment_id");
    }

    @Test
    void writesAndDdlAreUnsupported() {
        assertThat(kindOf(() -> engine.execute("INSERT INTO state VALUES (1)"))).isEqualTo(QueryException.Kind.UNSUPPORTED);
        assertThat(kindOf(() -> engine.execute("  delete from sys_service"))).isEqualTo(QueryException.Kind.UNSUPPORTED);
        assertThat(kindOf(() -> engine.execute("CREATE TABLE t (a int)"))).isEqualTo(QueryException.Kind.UNSUPPORTED);
        assertThat(kindOf(() -> engine.execute("select from"))).isEqualTo(QueryException.Kind.INVALID);
    }

    @Test
    void equalitiesAndInListsReachTheScan() {
        Rows.of(engine, "SELECT id FROM sys_invocation_status WHERE partition_key = 3 AND status IN ('invoked', 'inboxed') AND target LIKE 'C%'");
        assertThat(tables.status.filters).containsExactly(new dev.resolute.spi.query.ScanFilter(
                Map.of("partition_key", List.of(3L), "status", List.of("inboxed", "invoked"))));
    }

    @Test
    void exclusionsReachTheScan() {
        Rows.of(engine, "SELECT COUNT(1) FROM sys_invocation_status WHERE pinned_deployment_id = 'dp_1' AND status != 'completed'");
        Rows.of(engine, "SELECT id FROM sys_invocation_status WHERE status NOT IN ('completed', 'paused')");
        assertThat(tables.status.filters).containsExactly(
                new dev.resolute.spi.query.ScanFilter(Map.of("pinned_deployment_id", List.of("dp_1")), Map.of("status", List.of("completed"))),
                new dev.resolute.spi.query.ScanFilter(Map.of(), Map.of("status", List.of("completed", "paused"))));
    }

    @Test
    void beyondMaxConcurrentQueriesIsBusyUntilAResultIsClosed() {
        QueryResult first = engine.execute("SELECT * FROM sys_service");
        QueryResult second = engine.execute("SELECT * FROM sys_service");
        assertThatThrownBy(() -> engine.execute("SELECT * FROM sys_service")).hasMessageContaining("admin.query-engine.max-concurrent-queries")
                .satisfies(e -> assertThat(((QueryException) e).kind()).isEqualTo(QueryException.Kind.BUSY));
        first.close();
        first.close(); // twice gives back one place only
        engine.execute("SELECT 1").close();
        second.close();
        assertThatThrownBy(() -> engine.execute("SELECT * FROM nope")).isInstanceOf(QueryException.class);
        // a failed plan gave its place back: both places are free
        engine.execute("SELECT 1");
        engine.execute("SELECT 1");
    }

    @Test
    void closingHalfWayClosesTheScans() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(new Object[] {"id" + i});
        }
        RecordingTable big = new RecordingTable("big", List.of(new TableColumn("id", SqlType.UTF8)), rows);
        CalciteQueryEngine over = new CalciteQueryEngine(() -> List.<IntrospectedTable>of(big), new QueryLimits(1 << 30, 1));
        QueryResult result = over.execute("SELECT id FROM big WHERE id LIKE 'id%'");
        assertThat(result.nextRow()).containsExactly("id0");
        assertThat(big.open.get()).isEqualTo(1);
        result.close();
        assertThat(big.open.get()).isZero();
        assertThat(big.rowsRead.get()).as("rows are read as the result is read").isLessThan(10);
        assertThat(result.nextRow()).isNull();
        over.execute("SELECT 1").close(); // the only place is free again
    }

    @Test
    void aSortBeyondMemorySizeFailsNamingTheLimit() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add(new Object[] {"x".repeat(100) + i});
        }
        RecordingTable big = new RecordingTable("big", List.of(new TableColumn("id", SqlType.UTF8)), rows);
        CalciteQueryEngine small = new CalciteQueryEngine(() -> List.<IntrospectedTable>of(big), new QueryLimits(64 * 1024, 1));
        assertThatThrownBy(() -> {
            try (QueryResult result = small.execute("SELECT id FROM big ORDER BY id")) {
                while (result.nextRow() != null) {
                    continue;
                }
            }
        }).hasMessageContaining("admin.query-engine.memory-size = 65536")
                .satisfies(e -> assertThat(((QueryException) e).kind()).isEqualTo(QueryException.Kind.RESOURCES_EXHAUSTED));
        assertThat(big.open.get()).as("the failed query's scan is closed").isZero();
        try (QueryResult result = small.execute("SELECT COUNT(*) FROM big")) {
            assertThat(result.nextRow()).as("a count holds one group, whatever it scans").containsExactly(2000L);
        }
        try (QueryResult result = small.execute("SELECT id FROM big")) {
            int n = 0;
            while (result.nextRow() != null) {
                n++;
            }
            assertThat(n).as("a streaming query is not bounded by memory-size").isEqualTo(2000);
        }
    }
}
