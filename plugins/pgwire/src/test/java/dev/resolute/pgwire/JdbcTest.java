package dev.resolute.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL JDBC driver in its default settings against the endpoint (the test engine stands in for sql). */
class JdbcTest {
    private PgServer server;

    @BeforeEach
    void start() throws Exception {
        server = new PgServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void everyTypeReadsBackInTextAndOnceServerPreparedInBinary() throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
             PreparedStatement statement = connection.prepareStatement("select * from typed")) {
            for (int execution = 1; execution <= 8; execution++) { // pgjdbc switches to a named statement after 5
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString("name")).as("execution " + execution).isEqualTo("a 'quoted' text");
                    assertThat(rows.getBoolean("ok")).isTrue();
                    assertThat(rows.getLong("count")).isEqualTo(42);
                    assertThat(rows.getDouble("ratio")).isEqualTo(0.5);
                    assertThat(rows.getTimestamp("created_at").toInstant()).isEqualTo(TestEngine.CREATED);
                    assertThat(rows.getString("took")).isEqualTo("1 day 02:03:04.5");
                    assertThat(rows.getBytes("payload")).containsExactly(0xde, 0xad);
                    assertThat((Object[]) rows.getArray("tags").getArray()).containsExactly("x", "y z");
                    assertThat((Object[]) rows.getArray("retries").getArray()).containsExactly(1L, 2L);
                    assertThat(rows.getString("partition_key")).isEqualTo("18446744073709551615");
                    assertThat(rows.getString("absent")).isNull();
                    assertThat(rows.getMetaData().getColumnTypeName(5)).isEqualTo("timestamptz");
                    assertThat(rows.next()).isFalse();
                }
            }
        }
        assertThat(server.engine.closed.get()).isEqualTo(server.engine.opened.get());
    }

    @Test
    void parametersAreBoundAsLiteralsAcrossTheServerPrepareThreshold() throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
             PreparedStatement statement = connection.prepareStatement("select name from echo where key = ? and n = ? and ok = ?")) {
            for (int execution = 1; execution <= 8; execution++) {
                statement.setString(1, "it's; drop " + execution);
                statement.setLong(2, execution);
                statement.setBoolean(3, execution % 2 == 0);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).contains("key =  'it''s; drop " + execution + "' ", "n =  " + execution + " ",
                            "ok =  " + (execution % 2 == 0 ? "TRUE" : "FALSE") + " ");
                }
            }
        }
    }

    @Test
    void writesAreRefusedAsReadOnlyAlsoInATransaction() throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl()); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("insert into typed values (1)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("25006");
                        assertThat(e.getMessage()).contains("cannot execute INSERT in a read-only transaction");
                    });
            connection.setAutoCommit(false);
            try (ResultSet rows = statement.executeQuery("select 1")) {
                assertThat(rows.next()).isTrue();
            }
            assertThatThrownBy(() -> statement.execute("delete from typed")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            assertThatThrownBy(() -> statement.executeQuery("select 1")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
            connection.rollback();
            connection.setAutoCommit(true);
            try (ResultSet rows = statement.executeQuery("select 1")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }

    @Test
    void engineErrorsCarryTheirSqlStates() throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl()); Statement statement = connection.createStatement()) {
            assertThat(stateOf(statement, "select * from nowhere")).isEqualTo("42P01");
            assertThat(stateOf(statement, "select missing_column from numbers")).isEqualTo("42703");
            assertThat(stateOf(statement, "select * from busy")).isEqualTo("53300");
            assertThat(stateOf(statement, "listen channel")).isEqualTo("0A000");
            assertThat(stateOf(statement, "show no_such_setting")).isEqualTo("42704");
        }
    }

    @Test
    void sessionStatementsAndConnectFunctionsAreAnsweredWithoutTheEngine() throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl()); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "show transaction isolation level")).isEqualTo("read committed");
            assertThat(single(statement, "select version()")).startsWith("PostgreSQL 14.0");
            assertThat(single(statement, "select current_schema()")).isEqualTo("public");
            statement.execute("set application_name to 'tool'");
            assertThat(single(statement, "show application_name")).isEqualTo("tool");
            assertThat(connection.getMetaData().getDatabaseProductVersion()).startsWith("14.0");
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            assertThat(single(statement, "select 1")).isEqualTo("1");
            connection.commit();
        }
        assertThat(server.engine.executed).containsOnly("select 1");
    }

    @Test
    void fetchSizeReadsThroughASuspendedPortal() throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl())) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(100);
                long sum = 0;
                try (ResultSet rows = statement.executeQuery("select n from numbers")) {
                    while (rows.next()) {
                        sum += rows.getLong(1);
                    }
                }
                assertThat(sum).isEqualTo(500_500);
            }
            connection.commit();
        }
        assertThat(server.engine.closed.get()).isEqualTo(server.engine.opened.get());
    }

    @Test
    void statementCancelStopsALongQuery() throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl()); Statement statement = connection.createStatement()) {
            CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> stateOf(statement, "select n from endless"));
            Thread.sleep(500);
            statement.cancel();
            assertThat(outcome.get()).isEqualTo("57014");
            assertThat(single(statement, "select 1")).isEqualTo("1");
        }
        assertThat(server.engine.closed.get()).isEqualTo(server.engine.opened.get());
    }

    @Test
    void withoutTheSqlPluginQueriesSayWhatToInstall() throws Exception {
        try (PgServer bare = new PgServer(false, 30_000);
             Connection connection = DriverManager.getConnection(bare.jdbcUrl()); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select * from sys_service")).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("0A000");
                assertThat(e.getMessage()).contains("sql plugin");
            });
            assertThat(single(statement, "show server_version")).isEqualTo("14.0 (Resolute)");
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static String stateOf(Statement statement, String sql) {
        try {
            statement.execute(sql);
            return "no error";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }
}
