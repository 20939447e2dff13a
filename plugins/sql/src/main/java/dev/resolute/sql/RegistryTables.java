package dev.resolute.sql;

import dev.resolute.spi.query.IntrospectedTable;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import dev.resolute.spi.schema.Deployment;
import dev.resolute.spi.schema.Schemas;
import dev.resolute.spi.schema.Service;
import java.util.List;
import java.util.Locale;

/** {@code sys_service} and {@code sys_deployment} (reference §5), read from the schema registry at each scan. */
final class RegistryTables {
    static final List<TableColumn> SERVICE_COLUMNS = List.of(
            new TableColumn("name", SqlType.UTF8), new TableColumn("revision", SqlType.UINT64), new TableColumn("public", SqlType.BOOLEAN),
            new TableColumn("ty", SqlType.UTF8), new TableColumn("deployment_id", SqlType.UTF8));
    static final List<TableColumn> DEPLOYMENT_COLUMNS = List.of(
            new TableColumn("id", SqlType.UTF8), new TableColumn("ty", SqlType.UTF8), new TableColumn("endpoint", SqlType.UTF8),
            new TableColumn("created_at", SqlType.TIMESTAMP), new TableColumn("min_service_protocol_version", SqlType.UINT32),
            new TableColumn("max_service_protocol_version", SqlType.UINT32), new TableColumn("services", SqlType.UTF8_LIST));

    private RegistryTables() {
    }

    static List<IntrospectedTable> of(Schemas schemas) {
        return List.of(
                new ListTable("sys_service", SERVICE_COLUMNS, () -> schemas.services().stream().map(RegistryTables::service).toList()),
                new ListTable("sys_deployment", DEPLOYMENT_COLUMNS, () -> schemas.deployments().stream().map(RegistryTables::deployment).toList()));
    }

    private static Object[] service(Service s) {
        return new Object[] {s.name(), (long) s.revision(), s.isPublic(), s.type().name().toLowerCase(Locale.ROOT), s.deploymentId()};
    }

    private static Object[] deployment(Deployment d) {
        // this registry registers HTTP endpoints only (no Lambda ARNs)
        return new Object[] {d.id(), "http", d.uri().toString(), d.createdAt(), (long) d.minProtocolVersion(), (long) d.maxProtocolVersion(),
                d.services().stream().map(Service::name).toList()};
    }
}
