package dev.resolute.spi.query;

import java.util.List;

/**
 * The engine's introspection tables (Restate's {@code sys_invocation}, {@code sys_journal}, {@code state} and the
 * others of reference §5 that live in the engine's storage). Provided by the worker; the SQL plugin finds it with
 * {@link dev.resolute.spi.PluginContext#find} and serves what it finds.
 */
public interface IntrospectionTables {

    /** The tables, each with a distinct name. */
    List<IntrospectedTable> tables();
}
