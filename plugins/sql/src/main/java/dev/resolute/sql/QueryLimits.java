package dev.resolute.sql;

import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.ConfigScope;
import dev.resolute.spi.ConfigType;
import java.util.List;

/**
 * The engine's bounds, in Restate's section {@code [admin.query-engine]}: {@code memory-size} (Restate's key and
 * default) bounds what one query's sorts, aggregates and joins hold; {@code max-concurrent-queries} (ours) bounds
 * how many results are open at once.
 */
record QueryLimits(long memorySize, int maxConcurrentQueries) {
    static final String SECTION = "admin.query-engine";

    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.of("memory-size", ConfigType.SIZE, "1 GiB",
                    "Memory one SQL query may hold in its sorts, aggregates and joins; beyond it the query fails (Restate's default)"),
            // 10: introspection queries are short; a few CLI commands or UI pages at once fit, and ten full scans
            // cannot take more than a few cores from invocations
            ConfigKey.of("max-concurrent-queries", ConfigType.integer(1, 1000), "10",
                    "SQL queries (/query, pgwire) that may run at once; more are refused as busy (HTTP 429)"));

    QueryLimits {
        if (memorySize <= 0) {
            throw new IllegalArgumentException("memory-size must be positive");
        }
        if (maxConcurrentQueries < 1) {
            throw new IllegalArgumentException("max-concurrent-queries must be at least 1");
        }
    }

    static QueryLimits from(ConfigScope config) {
        return new QueryLimits(config.getBytes("memory-size"), config.getInt("max-concurrent-queries"));
    }
}
