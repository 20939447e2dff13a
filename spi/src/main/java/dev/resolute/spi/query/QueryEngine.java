package dev.resolute.spi.query;

import java.util.List;

/**
 * Runs SQL (the DataFusion dialect Restate's CLI speaks, reference §4.6) over the node's introspection tables.
 * Provided by the {@code sql} plugin; endpoints that answer queries (admin {@code /query}, pgwire, restatectl's
 * {@code Query}) find it with {@link dev.resolute.spi.PluginContext#find} and say which plugin to install when it is
 * absent.
 */
public interface QueryEngine {

    /**
     * Plans {@code sql} over the node's tables and returns its result, to be read and closed by the caller.
     *
     * @throws QueryException if the query is invalid or unsupported, or too many queries run
     */
    QueryResult execute(String sql);

    /**
     * Plans {@code sql} over {@code tables} only (restatectl's cluster tables), with the same limits.
     *
     * @throws QueryException if the query is invalid or unsupported, or too many queries run
     */
    QueryResult execute(String sql, List<IntrospectedTable> tables);
}
