package dev.resolute.pgwire;

import dev.resolute.spi.query.QueryEngine;
import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.EndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, on its own thread: start-up, then simple queries and the extended protocol's messages,
 * each answered in order. Whatever ends the session (Terminate, the client gone, a protocol error, the server
 * stopping) closes its open results and the connection.
 */
final class PgSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PgSession.class);
    private static final int CANCEL_REQUEST = 80877102;
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;

    private final EndPoint endPoint;
    private final PgwireProtocol protocol;
    private final Optional<QueryEngine> engine;
    private final int pid;
    private final int secret;
    private final WireInput in;
    private final Backend backend;
    private final Cancellation cancellation = new Cancellation();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile boolean serverStopping;
    private StatementRunner runner;
    private ExtendedQuery extended;

    PgSession(EndPoint endPoint, PgwireProtocol protocol, Optional<QueryEngine> engine, int pid, int secret) {
        this.endPoint = endPoint;
        this.protocol = protocol;
        this.engine = engine;
        this.pid = pid;
        this.secret = secret;
        this.in = new WireInput(endPoint);
        this.backend = new Backend(new WireOutput(endPoint));
    }

    int pid() {
        return pid;
    }

    int secret() {
        return secret;
    }

    /** Completes once the session's thread has finished. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Whether the session waits for the client to take its output (an idle timeout then fails the write). */
    boolean writing() {
        return backend.wire().writing();
    }

    /** Cancels the running statement, if any (a CancelRequest with this session's key). */
    void cancel() {
        cancellation.cancel();
    }

    /** The server stops: the session ends, telling its client why. */
    void serverStopping() {
        serverStopping = true;
    }

    /** The connection is gone: stop whatever the statement computes, its output has nowhere to go. */
    void connectionClosed() {
        cancellation.cancel();
    }

    @Override
    public void run() {
        try {
            if (startup()) {
                serve();
            }
        } catch (EOFException e) {
            LOG.debug("pgwire client {} went away", pid);
        } catch (IOException e) {
            if (serverStopping) {
                answerFatal(new PgError(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
            }
            LOG.debug("pgwire connection {} failed: {}", pid, e.toString());
        } catch (PgError e) {
            answerFatal(e);
        } catch (BufferUnderflowException e) {
            answerFatal(new PgError(SqlState.PROTOCOL_VIOLATION, "malformed message: shorter than its fields"));
        } catch (RuntimeException e) {
            LOG.warn("pgwire session {} failed", pid, e);
            answerFatal(new PgError(SqlState.INTERNAL_ERROR, "internal error: " + e));
        } finally {
            if (extended != null) {
                extended.closeAll();
            }
            endPoint.close();
            protocol.ended(this);
            ended.complete(null);
        }
    }

    private void answerFatal(PgError error) {
        try {
            backend.error(error, "FATAL");
            backend.flush();
        } catch (IOException | RuntimeException e) {
            LOG.debug("pgwire session {} could not report {}", pid, error.getMessage());
        }
    }

    /** Answers SSL and GSS encryption requests with 'N', a CancelRequest by cancelling; true once a session started. */
    private boolean startup() throws IOException {
        while (true) {
            ByteBuffer packet = in.readStartupPacket();
            int code = packet.getInt();
            if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                backend.wire().raw((byte) 'N');
                backend.flush();
                continue;
            }
            if (code == CANCEL_REQUEST) {
                protocol.cancel(packet.getInt(), packet.getInt());
                return false;
            }
            if (code >>> 16 != 3) {
                throw new PgError(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xffff)
                        + ": this server speaks protocol 3.0");
            }
            Map<String, String> parameters = startupParameters(packet);
            List<String> unknownOptions = parameters.keySet().stream().filter(k -> k.startsWith("_pq_.")).toList();
            if ((code & 0xffff) != 0 || !unknownOptions.isEmpty()) {
                backend.negotiateProtocolVersion(unknownOptions);
            }
            begin(parameters);
            return true;
        }
    }

    private static Map<String, String> startupParameters(ByteBuffer packet) {
        Map<String, String> parameters = new LinkedHashMap<>();
        while (packet.hasRemaining()) {
            String name = cstring(packet);
            if (name.isEmpty()) {
                break;
            }
            parameters.put(name, cstring(packet));
        }
        return parameters;
    }

    private void begin(Map<String, String> parameters) throws IOException {
        String user = parameters.getOrDefault("user", "restate");
        SessionSettings settings = new SessionSettings(user, parameters.getOrDefault("application_name", ""));
        parameters.forEach((name, value) -> {
            if (!List.of("user", "database", "options", "replication").contains(name) && !name.startsWith("_pq_.")) {
                try {
                    settings.set(name, value);
                } catch (PgError e) {
                    // a client_encoding other than UTF8 (libpq derives it from the locale): we report UTF8, clients follow
                }
            }
        });
        PreparedStatements statements = new PreparedStatements();
        runner = new StatementRunner(engine, settings, statements, parameters.getOrDefault("database", user), pid);
        extended = new ExtendedQuery(this, runner, backend, statements);
        backend.authenticationOk();
        for (Map.Entry<String, String> status : settings.reported().entrySet()) {
            backend.parameterStatus(status.getKey(), status.getValue());
        }
        backend.backendKeyData(pid, secret);
        backend.readyForQuery(runner.transaction().status);
        backend.flush();
    }

    private void serve() throws IOException {
        boolean skipUntilSync = false;
        while (true) {
            WireInput.Message message = in.readMessage();
            char type = message.type();
            if (type == 'X') {
                return;
            }
            if (type == 'S') {
                skipUntilSync = false;
                extended.sync();
                ready();
                continue;
            }
            if (type == 'Q') {
                simpleQuery(cstring(message.body()));
                continue;
            }
            if (type == 'H') {
                backend.flush();
                continue;
            }
            if (skipUntilSync) {
                continue; // after an error the extended protocol discards messages until Sync
            }
            try {
                extended.handle(type, message.body());
            } catch (RuntimeException failure) {
                PgError e = statementError(failure);
                if (e.state() == SqlState.PROTOCOL_VIOLATION && !"PBDEC".contains(String.valueOf(type))) {
                    throw e;
                }
                backend.error(e);
                runner.failed();
                skipUntilSync = true;
            }
        }
    }

    private void simpleQuery(String sql) throws IOException {
        extended.closeUnnamedPortal();
        List<String> statements = SqlText.split(sql);
        if (statements.isEmpty()) {
            backend.emptyQueryResponse();
        }
        for (String statement : statements) {
            try {
                Portal portal = new Portal(statement, new short[0]);
                try {
                    execute(portal, 0, true);
                } finally {
                    portal.close();
                }
            } catch (RuntimeException e) {
                backend.error(statementError(e));
                runner.failed();
                break; // the rest of a multi-statement query is not run after an error, as in Postgres
            }
        }
        ready();
    }

    /** A statement's failure as an ErrorResponse; a failure that is not the client's is logged and the session goes on. */
    private PgError statementError(RuntimeException failure) {
        if (failure instanceof PgError error) {
            return error;
        }
        if (failure instanceof BufferUnderflowException) {
            return new PgError(SqlState.PROTOCOL_VIOLATION, "malformed message: shorter than its fields");
        }
        LOG.warn("pgwire session {}: a statement failed", pid, failure);
        return new PgError(SqlState.INTERNAL_ERROR, "internal error: " + failure);
    }

    private void ready() throws IOException {
        backend.readyForQuery(runner.transaction().status);
        backend.flush();
    }

    /**
     * Runs the portal (once) and streams up to {@code maxRows} rows (0: all), then PortalSuspended if more remain,
     * else CommandComplete. {@code describe}: send RowDescription first (the simple protocol).
     */
    void execute(Portal portal, int maxRows, boolean describe) throws IOException {
        if (portal.isEmpty()) {
            backend.emptyQueryResponse();
            return;
        }
        cancellation.begin();
        try {
            boolean first = !portal.started();
            Execution execution = portal.start(runner);
            if (first && execution.parameterStatus().isPresent()) {
                backend.parameterStatus(execution.parameterStatus().get().getKey(), execution.parameterStatus().get().getValue());
            }
            if (execution.rows() == null) {
                backend.commandComplete(execution.tag());
                return;
            }
            cancellation.running(execution.rows());
            int[] formats = portal.formats(execution.rows().columns().size());
            if (describe) {
                backend.rowDescription(execution.rows().columns(), formats);
            }
            long sent = 0;
            while (maxRows <= 0 || sent < maxRows) {
                cancellation.check();
                Object[] row = portal.next();
                if (row == null) {
                    break;
                }
                backend.dataRow(row, execution.rows().columns(), formats);
                sent++;
            }
            cancellation.check();
            if (maxRows > 0 && sent == maxRows && portal.hasMore()) {
                backend.portalSuspended();
            } else {
                portal.finish();
                backend.commandComplete(execution.completeTag(sent));
            }
        } catch (RuntimeException e) {
            throw canceledOr(portal, e);
        } finally {
            cancellation.end();
        }
    }

    /**
     * Starts the portal for a Describe: planning may take a while, and a cancel that comes meanwhile must cancel the
     * statement, not be lost before its Execute.
     */
    Execution describe(Portal portal) {
        cancellation.begin();
        try {
            Execution execution = portal.start(runner);
            if (execution.rows() != null) {
                cancellation.running(execution.rows());
            }
            cancellation.check();
            return execution;
        } catch (RuntimeException e) {
            throw canceledOr(portal, e);
        } finally {
            cancellation.end();
        }
    }

    /** What a failure during a statement becomes: 57014 (the portal closed) when a cancel asked for it, else itself. */
    private RuntimeException canceledOr(Portal portal, RuntimeException failure) {
        if (cancellation.requested()) {
            portal.close();
            return Cancellation.canceled();
        }
        return failure;
    }

    static String cstring(ByteBuffer body) {
        int start = body.position();
        while (body.hasRemaining() && body.get() != 0) {
            // scan to the terminating NUL
        }
        int end = body.position() - 1;
        if (end < start || body.get(end) != 0) {
            throw new PgError(SqlState.PROTOCOL_VIOLATION, "unterminated string in message");
        }
        return new String(body.array(), body.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
    }
}
