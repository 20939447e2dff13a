package dev.resolute.pgwire;

import dev.resolute.spi.query.TableColumn;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The extended query protocol of one session: Parse, Bind, Describe, Execute and Close over its named and unnamed
 * prepared statements and portals. Parameters are bound into the SQL as checked literals ({@link Literals}).
 */
final class ExtendedQuery {
    private static final int TEXT_OID = 25;

    private final PgSession session;
    private final StatementRunner runner;
    private final Backend backend;
    private final PreparedStatements statements;
    private final Map<String, Portal> portals = new HashMap<>();

    ExtendedQuery(PgSession session, StatementRunner runner, Backend backend, PreparedStatements statements) {
        this.session = session;
        this.statements = statements;
        this.runner = runner;
        this.backend = backend;
    }

    void handle(char type, ByteBuffer body) throws IOException {
        switch (type) {
            case 'P' -> parse(body);
            case 'B' -> bind(body);
            case 'D' -> describe(body);
            case 'E' -> execute(body);
            case 'C' -> close(body);
            case 'F' -> throw new PgError(SqlState.FEATURE_NOT_SUPPORTED, "the function call protocol is not supported");
            default -> throw new PgError(SqlState.PROTOCOL_VIOLATION, "unexpected message type '" + type + "'");
        }
    }

    /** At Sync outside a transaction block the implicit transaction ends, and with it every portal. */
    void sync() {
        if (runner.transaction() == StatementRunner.Transaction.IDLE) {
            closeAll();
        }
    }

    /** A simple query ends the unnamed portal, as in Postgres. */
    void closeUnnamedPortal() {
        Portal unnamed = portals.remove("");
        if (unnamed != null) {
            unnamed.close();
        }
    }

    void closeAll() {
        portals.values().forEach(Portal::close);
        portals.clear();
    }

    private void parse(ByteBuffer body) throws IOException {
        String name = PgSession.cstring(body);
        String query = PgSession.cstring(body);
        int[] declared = new int[body.getShort() & 0xffff];
        for (int i = 0; i < declared.length; i++) {
            declared[i] = body.getInt();
        }
        List<String> parts = SqlText.split(query);
        if (parts.size() > 1) {
            throw new PgError(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        String sql = parts.isEmpty() ? "" : parts.get(0);
        int[] types = new int[Math.max(declared.length, SqlText.parameterCount(sql))];
        System.arraycopy(declared, 0, types, 0, declared.length);
        statements.add(name, new PreparedStatements.Prepared(sql, types));
        backend.parseComplete();
    }

    private void bind(ByteBuffer body) throws IOException {
        String portalName = PgSession.cstring(body);
        PreparedStatements.Prepared statement = statements.get(PgSession.cstring(body));
        short[] parameterFormats = shorts(body);
        int count = body.getShort() & 0xffff;
        if (count != statement.parameterTypes().length) {
            throw new PgError(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + count + " parameters, but prepared statement requires "
                    + statement.parameterTypes().length);
        }
        if (parameterFormats.length > 1 && parameterFormats.length != count) {
            throw new PgError(SqlState.PROTOCOL_VIOLATION, "bind message has " + parameterFormats.length + " parameter formats but "
                    + count + " parameters");
        }
        List<String> literals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = body.getInt();
            byte[] value = length < 0 ? null : new byte[length];
            if (value != null) {
                body.get(value);
            }
            int format = parameterFormats.length == 0 ? 0 : parameterFormats[parameterFormats.length == 1 ? 0 : i];
            literals.add(Literals.literal(statement.parameterTypes()[i], format == 1, value));
        }
        short[] resultFormats = shorts(body);
        String sql = count == 0 ? statement.sql() : SqlText.bind(statement.sql(), literals);
        Portal previous = portals.put(portalName, new Portal(sql, resultFormats));
        if (previous != null) {
            previous.close();
        }
        backend.bindComplete();
    }

    private void describe(ByteBuffer body) throws IOException {
        char kind = (char) body.get();
        String name = PgSession.cstring(body);
        if (kind == 'S') {
            PreparedStatements.Prepared statement = statements.get(name);
            int[] oids = statement.parameterTypes().clone();
            for (int i = 0; i < oids.length; i++) {
                oids[i] = oids[i] == 0 ? TEXT_OID : oids[i];
            }
            backend.parameterDescription(oids);
            // the columns do not depend on the values: plan with NULLs of the parameters' types (the engine streams, so
            // nothing is computed)
            List<String> nulls = Arrays.stream(statement.parameterTypes()).mapToObj(Literals::typedNull).toList();
            String planned = SqlText.bind(statement.sql(), nulls);
            Optional<List<TableColumn>> columns = statement.sql().isEmpty() ? Optional.empty() : runner.describe(planned);
            if (columns.isPresent()) {
                backend.rowDescription(columns.get(), new int[columns.get().size()]);
            } else {
                backend.noData();
            }
        } else if (kind == 'P') {
            Portal portal = portal(name);
            StatementKind statementKind = portal.isEmpty() ? StatementKind.SET : StatementKind.of(portal.sql());
            if (statementKind != StatementKind.QUERY && statementKind != StatementKind.SHOW) {
                backend.noData(); // commands run at Execute, where their effects belong
                return;
            }
            Execution execution = session.describe(portal);
            List<TableColumn> columns = execution.rows().columns();
            backend.rowDescription(columns, portal.formats(columns.size()));
        } else {
            throw new PgError(SqlState.PROTOCOL_VIOLATION, "invalid Describe kind '" + kind + "'");
        }
    }

    private void execute(ByteBuffer body) throws IOException {
        Portal portal = portal(PgSession.cstring(body));
        try {
            session.execute(portal, body.getInt(), false);
        } catch (RuntimeException e) {
            portal.close();
            throw e;
        }
    }

    private void close(ByteBuffer body) throws IOException {
        char kind = (char) body.get();
        String name = PgSession.cstring(body);
        if (kind == 'S') {
            statements.close(name);
        } else if (kind == 'P') {
            Portal portal = portals.remove(name);
            if (portal != null) {
                portal.close();
            }
        } else {
            throw new PgError(SqlState.PROTOCOL_VIOLATION, "invalid Close kind '" + kind + "'");
        }
        backend.closeComplete();
    }

    private Portal portal(String name) {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new PgError(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return portal;
    }

    private static short[] shorts(ByteBuffer body) {
        short[] values = new short[body.getShort() & 0xffff];
        for (int i = 0; i < values.length; i++) {
            values[i] = body.getShort();
        }
        return values;
    }
}
