package dev.resolute.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pgwire endpoint of the real bundle, over the sql plugin's tables, driven by real Postgres clients: psql, the
 * PostgreSQL JDBC driver, psycopg 3, and a minimal client over pgwire.sock. At most one query may run at a time
 * (admin.query-engine.max-concurrent-queries = 1), so a result a client left open would refuse the next query.
 */
class PgwireIT {
    /** A million rows from a cross join of three VALUES lists: streams for seconds, whatever tables the node has. */
    private static final String MILLION_ROWS;

    static {
        String hundred = "(values " + String.join(",", java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> "(" + i + ")").toList()) + ")";
        MILLION_ROWS = "select a.x, b.x, c.x from " + hundred + " a(x), " + hundred + " b(x), " + hundred + " c(x)";
    }

    @TempDir
    static Path tmp;
    private static SdkServices services;
    private static ServerProcess server;
    private static int port;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        services = SdkServices.typescript(false, tmp.resolve("exec.log"));
        server = ServerProcess.startHealthy(ServerProcess.DEFAULT_BUNDLE, tmp.resolve("server"),
                Map.of("RESTATE_ADMIN__QUERY_ENGINE__MAX_CONCURRENT_QUERIES", "1"));
        SdkEngine.register(server, services, false);
        for (String line : Files.readAllLines(server.stdout)) {
            if (line.startsWith("pgwire.tcp=")) {
                port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
            } else if (line.startsWith("pgwire.unix=")) {
                socket = Path.of(line.substring("pgwire.unix=".length()));
            }
        }
        assertThat(port).as("pgwire.tcp printed").isPositive();
        assertThat(socket).as("pgwire.unix printed").isNotNull();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void psqlQueriesOverTcpInAlignedAndUnalignedOutput() throws Exception {
        Run names = psql("-h", "127.0.0.1", "-p", String.valueOf(port), "-A", "-t", "-c",
                "select name from sys_service where name in ('Flow', 'Tally', 'Job') order by name");
        assertThat(names.exit()).as(names.output()).isZero();
        assertThat(names.output()).isEqualTo("Flow\nJob\nTally\n");
        Run aligned = psql("-h", "127.0.0.1", "-p", String.valueOf(port), "-c", "select count(*) as deployments from sys_deployment");
        assertThat(aligned.output()).isEqualTo(" deployments \n-------------\n           1\n(1 row)\n\n");
        Run typed = psql("-h", "127.0.0.1", "-p", String.valueOf(port), "-A", "-t", "-F", "|", "-c",
                "select public, ty, revision from sys_service where name = 'Tally'");
        assertThat(typed.output()).isEqualTo("t|virtual_object|1\n");
        Run write = psql("-h", "127.0.0.1", "-p", String.valueOf(port), "-c", "delete from sys_service");
        assertThat(write.exit()).isOne();
        assertThat(write.output()).contains("ERROR:  cannot execute DELETE in a read-only transaction");
        Run unknown = psql("-h", "127.0.0.1", "-p", String.valueOf(port), "-v", "VERBOSITY=verbose", "-c", "select * from sys_nothing");
        assertThat(unknown.output()).contains("ERROR:  42P01:", "sys_nothing");
    }

    @Test
    void psqlQueriesOverPgwireSock() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("psql-socket"));
        // libpq names a server's socket .s.PGSQL.<port>: a link with that name leads it to pgwire.sock
        Files.createSymbolicLink(dir.resolve(".s.PGSQL.5432"), socket);
        Run count = psql("-h", dir.toString(), "-p", "5432", "-A", "-t", "-c", "select count(*) from sys_deployment; show server_version");
        assertThat(count.exit()).as(count.output()).isZero();
        assertThat(count.output()).isEqualTo("1\n14.0 (Resolute)\n");
    }

    @Test
    void jdbcReadsTheTablesWithTheirTypes() throws Exception {
        try (Connection connection = jdbc(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select name, public, revision, ty from sys_service where name = 'Tally'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBoolean("public")).isTrue();
                assertThat(rows.getLong("revision")).isEqualTo(1);
                assertThat(rows.getString("ty")).isEqualTo("virtual_object");
            }
            try (ResultSet rows = statement.executeQuery("select created_at, services, min_service_protocol_version from sys_deployment")) {
                assertThat(rows.next()).isTrue();
                Instant created = rows.getTimestamp("created_at").toInstant();
                assertThat(Duration.between(created, Instant.now())).isBetween(Duration.ZERO, Duration.ofMinutes(5));
                Array serviceNames = rows.getArray("services");
                assertThat((Object[]) serviceNames.getArray()).contains("Flow", "Tally");
                assertThat(rows.getLong("min_service_protocol_version")).isPositive();
            }
            try (ResultSet rows = statement.executeQuery("select x'0102ff' as raw, 0.25e0 as f from sys_deployment")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBytes("raw")).containsExactly(1, 2, 0xff);
                assertThat(rows.getDouble("f")).isEqualTo(0.25);
            }
            try (ResultSet rows = statement.executeQuery("select interval '1 02:03:04.500' day to second as took from sys_deployment")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("took")).isEqualTo("1 day 02:03:04.5");
            }
        }
        try (Connection connection = jdbc(); PreparedStatement statement = connection.prepareStatement("select ? as raw, ? as stamp from sys_deployment")) {
            for (int execution = 1; execution <= 7; execution++) { // text results first, binary once prepared on the server
                byte[] raw = {(byte) execution, (byte) 0xfe};
                Timestamp at = Timestamp.from(Instant.parse("2026-11-22T14:48:24.389Z").plusSeconds(execution));
                statement.setBytes(1, raw);
                statement.setTimestamp(2, at);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getBytes("raw")).as("execution " + execution).isEqualTo(raw);
                    assertThat(rows.getTimestamp("stamp")).isEqualTo(at);
                }
            }
        }
    }

    @Test
    void jdbcPreparedStatementsBindParametersBeforeAndAfterServerPreparing() throws Exception {
        try (Connection connection = jdbc();
             PreparedStatement statement = connection.prepareStatement("select count(*) from sys_service where name = ? and public = ?")) {
            for (int execution = 1; execution <= 8; execution++) { // pgjdbc prepares on the server from the 5th execution
                String name = execution % 2 == 0 ? "Flow" : "it's not a service";
                statement.setString(1, name);
                statement.setBoolean(2, true);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getLong(1)).as("execution " + execution).isEqualTo(execution % 2 == 0 ? 1 : 0);
                }
            }
        }
    }

    @Test
    void jdbcCancelsALongQueryAndAWriteIsRefusedAsReadOnly() throws Exception {
        try (Connection connection = jdbc(); Statement statement = connection.createStatement()) {
            CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rows = statement.executeQuery(MILLION_ROWS)) {
                    return "finished";
                } catch (SQLException e) {
                    return e.getSQLState() + " " + e.getMessage();
                }
            });
            Thread.sleep(300);
            statement.cancel();
            assertThat(outcome.get(30, TimeUnit.SECONDS)).startsWith("57014");
            assertThatThrownBy(() -> statement.executeUpdate("insert into sys_service (name) values ('x')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            connection.setAutoCommit(false);
            assertThatThrownBy(() -> statement.execute("update sys_service set public = false"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            connection.rollback();
            try (ResultSet rows = statement.executeQuery("select count(*) from sys_deployment")) { // the cancelled query's slot is free
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isOne();
            }
        }
    }

    @Test
    void psycopgRunsParameterisedQueries() throws Exception {
        Path script = tmp.resolve("psycopg_client.py");
        Files.writeString(script, """
                import sys, psycopg
                with psycopg.connect(host="127.0.0.1", port=int(sys.argv[1]), user="restate", dbname="restate") as conn:
                    for i in range(7):  # psycopg prepares on the server from the 5th execution
                        name = "Tally" if i % 2 == 0 else "Flow"
                        row = conn.execute("select name, ty, public from sys_service where name = %s and revision >= %s", (name, 1)).fetchone()
                        print(row)
                    created = conn.execute("select created_at from sys_deployment").fetchone()[0]
                    print(type(created).__name__, created.tzinfo is not None)
                """);
        Run run = run(List.of("/usr/bin/python3", script.toString(), String.valueOf(port)));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).isEqualTo("('Tally', 'virtual_object', True)\n('Flow', 'service', True)\n".repeat(3)
                + "('Tally', 'virtual_object', True)\ndatetime True\n");
    }

    @Test
    void aClientKilledMidResultOnPgwireSockLeavesTheServerHealthy() throws Exception {
        Path script = tmp.resolve("stalling_client.py");
        Files.writeString(script, """
                import socket, struct, sys, time
                s = socket.socket(socket.AF_UNIX)
                s.connect(sys.argv[1])
                params = b"user\\0raw\\0database\\0restate\\0\\0"
                s.sendall(struct.pack("!ii", len(params) + 8, 196608) + params)
                def read():
                    data = s.recv(65536)
                    if not data:
                        sys.exit("closed")
                    return data
                while b"Z\\0\\0\\0\\5I" not in read():
                    pass
                query = sys.argv[2].encode() + b"\\0"
                s.sendall(b"Q" + struct.pack("!i", len(query) + 4) + query)
                while b"D" not in read():
                    pass
                print("reading", flush=True)
                time.sleep(600)  # stops reading: the server's writes block until the kill
                """);
        Path output = tmp.resolve("stalling.out");
        Process client = new ProcessBuilder("/usr/bin/python3", script.toString(), socket.toString(), MILLION_ROWS)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Await.until(() -> Files.readString(output).contains("reading") || !client.isAlive(), "the client reads rows");
        assertThat(Files.readString(output)).contains("reading");
        Thread.sleep(500); // the server fills the socket buffers and blocks writing
        client.destroyForcibly().waitFor();
        // the killed client's query held the only query slot: the next query runs once the result was closed
        Await.until(() -> {
            Run count = psql("-h", "127.0.0.1", "-p", String.valueOf(port), "-A", "-t", "-c", "select count(*) from sys_deployment");
            return count.exit() == 0 && count.output().equals("1\n");
        }, "a query after the kill");
        assertThat(ServerProcess.get(server.url("admin") + "/health").statusCode()).isEqualTo(200);
    }

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/restate?user=restate");
    }

    private record Run(int exit, String output) {
    }

    private static Run psql(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/psql", "-X", "-U", "restate", "-d", "restate"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run run(List<String> command) throws Exception {
        Path output = Files.createTempFile(tmp, "client", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("HOME", tmp.toString());
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 60 s: " + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }
}
