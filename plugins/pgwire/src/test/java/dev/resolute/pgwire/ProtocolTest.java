package dev.resolute.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol 3.0 message by message, with a hand-written frontend. */
class ProtocolTest {
    private PgServer server;

    @BeforeEach
    void start() throws Exception {
        server = new PgServer(true, 500);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void sslIsRefusedWithNAndStartupReportsWhatDriversCheck() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.untyped(ByteBuffer.allocate(4).putInt(80877103).array());
            assertThat(client.socket.getInputStream().read()).isEqualTo('N');
            List<RawClient.Message> startup = client.startup();
            assertThat(RawClient.types(startup)).startsWith("RS").endsWith("KZ");
            assertThat(startup).filteredOn(m -> m.type() == 'S').extracting(RawClient.Message::text)
                    .contains("server_version\u000014.0 (Resolute)\u0000", "client_encoding\u0000UTF8\u0000", "DateStyle\u0000ISO, MDY\u0000",
                            "integer_datetimes\u0000on\u0000", "standard_conforming_strings\u0000on\u0000", "TimeZone\u0000UTC\u0000",
                            "server_encoding\u0000UTF8\u0000");
            assertThat(startup.get(startup.size() - 1).text()).isEqualTo("I");
        }
    }

    @Test
    void simpleQueryRunsEveryStatementAndAnEmptyQueryIsEmpty() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.startup();
            client.query("select 1; select 2;");
            assertThat(RawClient.types(client.untilReady())).isEqualTo("TDCTDCZ");
            client.query(" ; -- nothing\n");
            assertThat(RawClient.types(client.untilReady())).isEqualTo("IZ");
            client.query("select 1; select * from nowhere; select 2");
            List<RawClient.Message> answer = client.untilReady();
            assertThat(RawClient.types(answer)).isEqualTo("TDCEZ");
            assertThat(answer.get(3).sqlState()).isEqualTo("42P01");
            assertThat(server.engine.executed).endsWith("select 1", "select * from nowhere"); // not the statement after the error
        }
    }

    @Test
    void executeWithARowLimitSuspendsThePortalUntilTheRowsRunOut() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.startup();
            client.parse("", "select n from numbers");
            client.bind("", "", List.of(), 0);
            client.describe('P', "");
            client.execute("", 600);
            client.execute("", 600);
            client.sync();
            List<RawClient.Message> answer = client.untilReady();
            assertThat(RawClient.types(answer)).isEqualTo("12T" + "D".repeat(600) + "s" + "D".repeat(400) + "CZ");
            assertThat(answer.get(answer.size() - 2).text()).isEqualTo("SELECT 400\0");
            assertThat(server.engine.closed.get()).isEqualTo(server.engine.opened.get());
        }
    }

    @Test
    void afterAnErrorTheExtendedProtocolSkipsToSync() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.startup();
            client.parse("", "select * from nowhere");
            client.bind("", "", List.of(), 0);
            client.describe('P', "");
            client.execute("", 0);
            client.parse("s2", "select 1");
            client.sync();
            List<RawClient.Message> answer = client.untilReady();
            assertThat(RawClient.types(answer)).isEqualTo("12EZ");
            assertThat(answer.get(2).sqlState()).isEqualTo("42P01");
            client.describe('S', "s2"); // never parsed: skipped after the error
            client.sync();
            assertThat(client.untilReady().get(0).sqlState()).isEqualTo("26000");
        }
    }

    @Test
    void describeStatementAnswersParameterAndRowDescriptions() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.startup();
            client.parse("named", "select name from echo where a = $1 and b = $2");
            client.describe('S', "named");
            client.bind("", "named", List.of("it's", "x"), 0);
            client.execute("", 0);
            client.parse("", "set application_name = 'raw'");
            client.describe('S', "");
            client.sync();
            List<RawClient.Message> answer = client.untilReady();
            assertThat(RawClient.types(answer)).isEqualTo("1tT2DC1tnZ");
            assertThat(ByteBuffer.wrap(answer.get(1).body()).getShort()).isEqualTo((short) 2);
            assertThat(answer.get(4).text()).contains("a =  'it''s'  and b =  'x' ");
        }
    }

    @Test
    void inATransactionAnExhaustedResultIsReleasedAtOnceAndDeallocateDropsStatements() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.startup();
            client.query("begin");
            assertThat(RawClient.types(client.untilReady())).isEqualTo("CZ");
            client.parse("s1", "select 1");
            client.bind("", "s1", List.of(), 0);
            client.execute("", 0);
            client.sync();
            List<RawClient.Message> answer = client.untilReady();
            assertThat(RawClient.types(answer)).isEqualTo("12DCZ");
            assertThat(answer.get(4).text()).isEqualTo("T");
            assertThat(server.engine.closed.get()).isEqualTo(server.engine.opened.get()).isOne();
            client.query("DEALLOCATE S1");
            assertThat(RawClient.types(client.untilReady())).isEqualTo("CZ");
            client.query("deallocate prepare s1");
            answer = client.untilReady();
            assertThat(answer.get(0).sqlState()).isEqualTo("26000");
            assertThat(answer.get(1).text()).isEqualTo("E");
            client.query("rollback");
            answer = client.untilReady();
            assertThat(answer.get(0).text()).isEqualTo("ROLLBACK\0");
            assertThat(answer.get(1).text()).isEqualTo("I");
        }
    }

    @Test
    void aCancelRequestOnAnotherConnectionCancelsTheRunningQuery() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.startup();
            client.query("select n from endless");
            assertThat(client.read().type()).isEqualTo('T');
            assertThat(client.read().type()).isEqualTo('D');
            try (RawClient canceller = new RawClient(server.port())) {
                canceller.untyped(ByteBuffer.allocate(12).putInt(80877102).putInt(client.pid).putInt(client.secret).array());
                assertThat(canceller.socket.getInputStream().read()).isEqualTo(-1); // the server closes the cancel connection
            }
            RawClient.Message m;
            do {
                m = client.read();
            } while (m.type() == 'D');
            assertThat(m.type()).isEqualTo('E');
            assertThat(m.sqlState()).isEqualTo("57014");
            assertThat(client.read().type()).isEqualTo('Z');
            client.query("select 1");
            assertThat(RawClient.types(client.untilReady())).isEqualTo("TDCZ");
        }
    }

    @Test
    void aCancelWhileDescribePlansCancelsTheStatement() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.startup();
            client.parse("", "select n from slow_plan");
            client.bind("", "", List.of(), 0);
            client.describe('P', "");
            client.execute("", 0);
            client.sync();
            Thread.sleep(300);
            try (RawClient canceller = new RawClient(server.port())) {
                canceller.untyped(ByteBuffer.allocate(12).putInt(80877102).putInt(client.pid).putInt(client.secret).array());
            }
            List<RawClient.Message> answer = client.untilReady();
            assertThat(RawClient.types(answer)).isEqualTo("12EZ");
            assertThat(answer.get(2).sqlState()).isEqualTo("57014");
            assertThat(server.engine.closed.get()).isEqualTo(server.engine.opened.get()).isOne();
        }
    }

    @Test
    void aClientThatHangsUpMidResultClosesTheResultAndEndsTheSession() throws Exception {
        RawClient client = new RawClient(server.port());
        client.startup();
        assertThat(server.protocol.sessionCount()).isEqualTo(1);
        client.query("select n from endless");
        assertThat(client.read().type()).isEqualTo('T');
        client.read();
        client.socket.setSoLinger(true, 0); // a reset, as from a killed process
        client.close();
        await(() -> server.engine.closed.get() == 1 && server.protocol.sessionCount() == 0);
        try (RawClient next = new RawClient(server.port())) {
            next.startup();
            next.query("select 1");
            assertThat(RawClient.types(next.untilReady())).isEqualTo("TDCZ");
        }
    }

    @Test
    void anIdleSessionOutlivesTheIdleTimeout() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.startup();
            Thread.sleep(1_500); // three idle timeouts
            client.query("select 1");
            assertThat(RawClient.types(client.untilReady())).isEqualTo("TDCZ");
        }
    }

    @Test
    void stoppingTheServerEndsIdleSessionsAtOnceWithAFatalError() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.startup();
            long start = System.nanoTime();
            server.close();
            assertThat(System.nanoTime() - start).as("stop time").isLessThan(4_000_000_000L);
            RawClient.Message fatal = client.read();
            assertThat(fatal.text()).startsWith("SFATAL");
            assertThat(fatal.sqlState()).isEqualTo("57P01");
            assertThat(client.socket.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(server.protocol.sessionCount()).isZero();
    }

    @Test
    void terminateEndsTheSessionAndAnUnknownProtocolIsRefused() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.startup();
            client.send('X', new byte[0]);
            assertThat(client.socket.getInputStream().read()).isEqualTo(-1);
        }
        await(() -> server.protocol.sessionCount() == 0);
        try (RawClient client = new RawClient(server.port())) {
            DataOutputStream out = new DataOutputStream(client.socket.getOutputStream());
            out.writeInt(8);
            out.writeInt(2 << 16);
            RawClient.Message error = client.read();
            assertThat(error.type()).isEqualTo('E');
            assertThat(error.sqlState()).isEqualTo("0A000");
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
