package dev.resolute.pgwire;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.query.QueryException;
import dev.resolute.spi.query.QueryResult;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

/**
 * A query engine for protocol tests: a few canned results keyed by the SQL text (what the endpoint sends is what
 * the tests assert on), results that record being closed, and an endless one for cancels and disconnects.
 */
final class TestEngine implements QueryEngine {
    static final Instant CREATED = Instant.parse("2026-11-22T14:48:24.389Z");
    static final List<TableColumn> TYPED = List.of(new TableColumn("name", SqlType.UTF8), new TableColumn("ok", SqlType.BOOLEAN),
            new TableColumn("count", SqlType.INT64), new TableColumn("ratio", SqlType.FLOAT64), new TableColumn("created_at", SqlType.TIMESTAMP),
            new TableColumn("took", SqlType.DURATION), new TableColumn("payload", SqlType.BINARY), new TableColumn("tags", SqlType.UTF8_LIST),
            new TableColumn("retries", SqlType.UINT32_LIST), new TableColumn("partition_key", SqlType.UINT64), new TableColumn("absent", SqlType.UTF8));

    final List<String> executed = new CopyOnWriteArrayList<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public QueryResult execute(String sql) {
        executed.add(sql);
        String normalized = sql.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (normalized.equals("select * from typed")) {
            return result(TYPED, List.<Object[]>of(new Object[] {"a 'quoted' text", true, 42L, 0.5, CREATED, Duration.ofMillis(93_784_500),
                    new byte[] {(byte) 0xde, (byte) 0xad}, List.of("x", "y z"), List.of(1L, 2L), -1L, null}).iterator());
        }
        if (normalized.startsWith("select 1")) {
            return result(List.of(new TableColumn("one", SqlType.INT64)), List.<Object[]>of(new Object[] {1L}).iterator());
        }
        if (normalized.startsWith("select 2")) {
            return result(List.of(new TableColumn("two", SqlType.INT64)), List.<Object[]>of(new Object[] {2L}).iterator());
        }
        if (normalized.startsWith("select n from numbers")) { // 1..1000
            return result(List.of(new TableColumn("n", SqlType.INT64)), LongStream.rangeClosed(1, 1000).mapToObj(n -> new Object[] {n}).iterator());
        }
        if (normalized.startsWith("select name from echo where")) { // echoes the bound SQL, to check parameters
            return result(List.of(new TableColumn("name", SqlType.UTF8)), List.<Object[]>of(new Object[] {sql}).iterator());
        }
        if (normalized.startsWith("select n from slow_plan")) { // planning takes a while
            try {
                Thread.sleep(800);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return result(List.of(new TableColumn("n", SqlType.INT64)), List.<Object[]>of(new Object[] {1L}).iterator());
        }
        if (normalized.startsWith("select n from endless")) {
            return result(List.of(new TableColumn("n", SqlType.INT64)), endless());
        }
        if (normalized.contains("busy")) {
            throw new QueryException(QueryException.Kind.BUSY, "2 queries are running, the limit; retry later");
        }
        if (normalized.contains("missing_column")) {
            throw new QueryException(QueryException.Kind.INVALID, "From line 1, column 8 to line 1, column 21: Column 'missing_column' not found in any table. Columns of numbers: n");
        }
        throw new QueryException(QueryException.Kind.INVALID, "From line 1, column 15 to line 1, column 21: Object 'nowhere' not found. The tables are: numbers, typed");
    }

    @Override
    public QueryResult execute(String sql, List<IntrospectedTable> tables) {
        return execute(sql);
    }

    private static Iterator<Object[]> endless() {
        return new Iterator<>() {
            long n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object[] next() {
                if (++n % 100 == 0) {
                    try {
                        Thread.sleep(1); // a slow scan: a cancel has time to arrive
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new Object[] {n};
            }
        };
    }

    private QueryResult result(List<TableColumn> columns, Iterator<Object[]> rows) {
        opened.incrementAndGet();
        return new QueryResult() {
            private volatile boolean isClosed;

            @Override
            public List<TableColumn> columns() {
                return columns;
            }

            @Override
            public Object[] nextRow() {
                if (isClosed) {
                    throw new QueryException(QueryException.Kind.FAILED, "the query was closed");
                }
                return rows.hasNext() ? rows.next() : null;
            }

            @Override
            public void writeArrowStream(OutputStream out) {
                throw new UnsupportedOperationException("pgwire reads rows");
            }

            @Override
            public void writeJsonRows(OutputStream out) {
                throw new UnsupportedOperationException("pgwire reads rows");
            }

            @Override
            public void close() {
                if (!isClosed) {
                    isClosed = true;
                    closed.incrementAndGet();
                }
            }
        };
    }
}
