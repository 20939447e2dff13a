package dev.resolute.sql;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The {@link QueryEngine} over Apache Calcite (docs/sql.md): at most {@code max-concurrent-queries} results are open
 * at once — a query holds its place from planning until its result is closed — and each may hold
 * {@code memory-size} bytes in its blocking operators.
 */
final class CalciteQueryEngine implements QueryEngine {
    private final Supplier<List<IntrospectedTable>> nodeTables;
    private final QueryLimits limits;
    private final Semaphore running;

    /** @param nodeTables the node's tables, asked at each query (the registry's tables read the registry live) */
    CalciteQueryEngine(Supplier<List<IntrospectedTable>> nodeTables, QueryLimits limits) {
        this.nodeTables = Objects.requireNonNull(nodeTables, "nodeTables");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.running = new Semaphore(limits.maxConcurrentQueries());
    }

    @Override
    public QueryResult execute(String sql) {
        return execute(sql, nodeTables.get());
    }

    @Override
    public QueryResult execute(String sql, List<IntrospectedTable> tables) {
        Objects.requireNonNull(sql, "sql");
        List<IntrospectedTable> copy = new ArrayList<>(tables);
        if (!running.tryAcquire()) {
            throw new QueryException(QueryException.Kind.BUSY, limits.maxConcurrentQueries()
                    + " queries are running, as many as admin.query-engine.max-concurrent-queries allows; retry when one ends");
        }
        QueryContext query = new QueryContext(limits.memorySize());
        try {
            return new EngineResult(QueryPlanner.plan(sql, copy, query), query, running::release);
        } catch (RuntimeException e) {
            query.close();
            running.release();
            throw EngineResult.failure(e);
        }
    }
}
