package dev.resolute.sql;

import dev.resolute.spi.query.QueryResult;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the shapes the CLI sends (filter, group, join, sort, both output formats) once over a small in-memory
 * table, so class loading and Calcite's first code generation happen during start-up, beside storage opening.
 */
final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private WarmUp() {
    }

    static void run() {
        ListTable table = new ListTable("warm_up", List.of(new TableColumn("id", SqlType.UTF8), new TableColumn("n", SqlType.UINT64),
                new TableColumn("at", SqlType.TIMESTAMP)), () -> List.<Object[]>of(new Object[] {"a", 1L, Instant.EPOCH}));
        CalciteQueryEngine engine = new CalciteQueryEngine(() -> List.of(table), new QueryLimits(1 << 20, 1));
        try (QueryResult result = engine.execute("SELECT w.id, COUNT(1) AS c, FIRST_VALUE(w.n ORDER BY w.at) AS f FROM warm_up w"
                + " LEFT JOIN warm_up o ON o.id = w.id WHERE w.id IN ('a', 'b') AND w.n == 1 GROUP BY w.id ORDER BY c DESC LIMIT 10")) {
            result.writeArrowStream(OutputStream.nullOutputStream());
        } catch (Exception | LinkageError e) {
            LOG.warn("the SQL engine's warm-up query failed; queries will say why", e);
        }
    }
}
