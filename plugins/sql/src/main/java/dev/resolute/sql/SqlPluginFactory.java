package dev.resolute.sql;

import dev.resolute.spi.Component;
import dev.resolute.spi.ConfigKey;
import dev.resolute.spi.PluginContext;
import dev.resolute.spi.PluginFactory;
import dev.resolute.spi.PluginKind;
import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.IntrospectionTables;
import dev.resolute.spi.query.QueryEngine;
import dev.resolute.spi.schema.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sql} plugin (role {@code admin}): provides the {@link QueryEngine} that admin's {@code /query} and the
 * other query endpoints use, over the worker's introspection tables (when the node runs a worker) and the
 * registry's {@code sys_service} and {@code sys_deployment}. Removing its folder removes SQL from the node; the
 * endpoints then say which plugin to install.
 */
public final class SqlPluginFactory implements PluginFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SqlPluginFactory.class);

    @Override
    public String id() {
        return "sql";
    }

    @Override
    public PluginKind kind() {
        return PluginKind.ENGINE;
    }

    @Override
    public Set<String> roles() {
        return Set.of("admin");
    }

    @Override
    public String configSection() {
        return QueryLimits.SECTION;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return QueryLimits.KEYS;
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(Schemas.class);
    }

    @Override
    public Set<Class<?>> uses() {
        return Set.of(IntrospectionTables.class);
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(QueryEngine.class);
    }

    @Override
    public Component create(PluginContext context) {
        QueryLimits limits = QueryLimits.from(context.config());
        return new Component() {
            @Override
            public void warmUp() {
                // loads Calcite's parser, planner and code generator (seconds of class loading and compiling on C1) on a
                // thread of its own, so neither the other plugins' warm-ups nor the node's start wait for it; a query
                // that comes first simply shares the class loading
                Thread warmUp = new Thread(WarmUp::run, "sql-warm-up");
                warmUp.setDaemon(true);
                warmUp.start();
            }

            @Override
            public void start() {
                Optional<IntrospectionTables> engineTables = context.find(IntrospectionTables.class);
                List<IntrospectedTable> registry = RegistryTables.of(context.require(Schemas.class));
                if (engineTables.isEmpty()) {
                    LOG.info("no plugin provides the engine's introspection tables on this node: SQL sees the registry's sys_service"
                            + " and sys_deployment only");
                }
                context.provide(QueryEngine.class, new CalciteQueryEngine(() -> {
                    List<IntrospectedTable> tables = new ArrayList<>(registry);
                    engineTables.ifPresent(t -> tables.addAll(t.tables()));
                    return tables;
                }, limits));
            }

            @Override
            public void stop() {
                // open results belong to their callers, who close them
            }
        };
    }
}
