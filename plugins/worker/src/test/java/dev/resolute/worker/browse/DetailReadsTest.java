package dev.resolute.worker.browse;

import static dev.resolute.worker.browse.BrowseStore.named;
import static dev.resolute.worker.browse.BrowseStore.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resolute.spi.browse.JournalEntryDetail;
import dev.resolute.spi.browse.RowPage;
import dev.resolute.spi.query.TableColumn;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.pb.Failure;
import dev.resolute.worker.protocol.pb.InputCommandMessage;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.RunCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Journal windows, journal entries and state pages over a real store, with the sizes the UI must stay fast for. */
class DetailReadsTest {
    private static final InvocationId INVOCATION = new InvocationId(7, 8, 9);
    private static final byte[] ID = INVOCATION.toBytes();
    private static final String TEXT = INVOCATION.toString();
    private BrowseStore store;

    @BeforeEach
    void open() throws Exception {
        store = new BrowseStore();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aWindowHoldsTheColumnsOfSysJournalButThePayloadsAndTheNextIndexAsCursor() {
        store.journal(ID, 0, List.of(
                InputCommandMessage.newBuilder().setValue(Value.newBuilder().setContent(utf8("{\"name\":\"x\"}"))).build(),
                RunCommandMessage.newBuilder().setResultCompletionId(1).setName("charge").build(),
                RunCompletionNotificationMessage.newBuilder().setCompletionId(1).setValue(Value.newBuilder().setContent(utf8("42"))).build(),
                SetStateCommandMessage.newBuilder().setKey(utf8("count")).setValue(Value.newBuilder().setContent(utf8("1"))).build(),
                OutputCommandMessage.newBuilder().setFailure(Failure.newBuilder().setCode(500).setMessage("no")).build()));

        RowPage first = store.reads.journal(TEXT, 0, 3);
        assertThat(first.columns()).extracting(TableColumn::name).containsExactly("partition_key", "id", "index", "entry_type", "name",
                "completed", "invoked_id", "invoked_target", "sleep_wakeup_at", "promise_name", "raw_length", "version",
                "entry_lite_json", "appended_at", "value_length", "value_preview");
        assertThat(first.nextCursor()).contains("3");
        RowPage rest = store.reads.journal(TEXT, 3, 3);
        assertThat(rest.nextCursor()).isEmpty();

        List<Map<String, Object>> window = new ArrayList<>();
        first.rows().forEach(row -> window.add(named(first.columns(), row)));
        rest.rows().forEach(row -> window.add(named(rest.columns(), row)));
        assertThat(window).extracting(row -> row.get("value_preview")).containsExactly("{\"name\":\"x\"}", null, "42", "1", null);
        assertThat(window).extracting(row -> row.get("value_length")).containsExactly(12L, null, 2L, 1L, null);
        window.forEach(row -> {
            row.remove("value_length");
            row.remove("value_preview");
        });
        List<Map<String, Object>> sql = store.sysJournal(TEXT);
        sql.forEach(row -> {
            row.remove("raw");
            row.remove("entry_json");
        });
        assertThat(window).as("the same values as sys_journal").isEqualTo(sql);
        assertThat(window).extracting(row -> row.get("entry_lite_json")).containsExactly(
                "{\"Command\":{\"Input\":{}}}",
                "{\"Command\":{\"Run\":{\"completion_id\":1,\"name\":\"charge\"}}}",
                "{\"Notification\":{\"ty\":{\"Completion\":\"Run\"},\"id\":{\"CompletionId\":1},\"result\":\"Success\"}}",
                "{\"Command\":{\"SetState\":{\"key\":\"count\"}}}",
                "{\"Command\":{\"Output\":{\"result\":\"Failure\"}}}");
        assertThat(window).extracting(row -> row.get("name")).containsExactly("", "charge", null, "", "");
    }

    @Test
    void tenMebibyteValuesStayOutOfWindowsAndEntryJsonAndAreReadAsTheEntrysValue() {
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        store.journal(ID, 0, List.of(InputCommandMessage.newBuilder().setValue(Value.newBuilder().setContent(com.google.protobuf.ByteString.copyFrom(big))).build(),
                OutputCommandMessage.newBuilder().setValue(Value.newBuilder().setContent(com.google.protobuf.ByteString.copyFrom(big))).build()));

        long windowMillis = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) { // the best of 5: class loading and the JIT left out
            long start = System.nanoTime();
            store.reads.journal(TEXT, 0, 100);
            windowMillis = Math.min(windowMillis, (System.nanoTime() - start) / 1_000_000);
        }
        RowPage window = store.reads.journal(TEXT, 0, 100);
        Map<String, Object> output = named(window.columns(), window.rows().get(1));
        assertThat((long) output.get("raw_length")).isGreaterThan(big.length);
        assertThat((String) output.get("entry_lite_json")).isEqualTo("{\"Command\":{\"Output\":{\"result\":\"Success\"}}}");
        assertThat(output.get("value_length")).isEqualTo((long) big.length);
        assertThat(output.get("value_preview")).as("a short prefix only").isEqualTo("a".repeat(120));

        JournalEntryDetail detail = store.reads.journalEntry(TEXT, 1).orElseThrow();
        assertThat(detail.entryType()).isEqualTo("Command: Output");
        assertThat(detail.value()).hasValueSatisfying(value -> assertThat(value).isEqualTo(big));
        assertThat(detail.entryJson()).as("the value is left out").isEqualTo("{\"Command\":{\"Output\":{\"result\":{\"Success\":[]},\"name\":\"\"}}}");
        System.out.printf("journal window of two 10 MiB entries (best of 5): %d ms%n", windowMillis);
        assertThat(windowMillis).as("a window of 10 MiB entries answers fast (no payload is copied or written)").isLessThan(500);
    }

    @Test
    void aPreviewCutsBeforeASplitCharacterAndLeavesBinaryValuesOut() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
        String euros = "\u20ac".repeat(50); // 3 bytes each after one "x": byte 120 lies inside the 40th
        store.journal(ID, 0, List.of(InputCommandMessage.newBuilder().setValue(Value.newBuilder().setContent(com.google.protobuf.ByteString.copyFrom(binary))).build(),
                OutputCommandMessage.newBuilder().setValue(Value.newBuilder().setContent(utf8("x" + euros))).build()));
        RowPage window = store.reads.journal(TEXT, 0, 10);
        Map<String, Object> input = named(window.columns(), window.rows().get(0));
        Map<String, Object> output = named(window.columns(), window.rows().get(1));
        assertThat(input.get("value_preview")).as("binary").isNull();
        assertThat(input.get("value_length")).isEqualTo(4L);
        assertThat(output.get("value_preview")).as("the 40th sign, cut, is dropped").isEqualTo("x" + "\u20ac".repeat(39));
    }

    @Test
    void aWindowOfHugeEntriesEndsEarlyWithItsCursor() {
        com.google.protobuf.ByteString big = com.google.protobuf.ByteString.copyFrom(new byte[10 * 1024 * 1024]);
        store.journal(ID, 0, IntStream.range(0, 5).mapToObj(i -> RunCompletionNotificationMessage.newBuilder().setCompletionId(i + 1)
                .setValue(Value.newBuilder().setContent(big)).build()).toList());
        RowPage first = store.reads.journal(TEXT, 0, 100);
        assertThat(first.rows()).as("stops once 32 MiB are read").hasSize(4);
        assertThat(first.nextCursor()).contains("4");
        RowPage rest = store.reads.journal(TEXT, 4, 100);
        assertThat(rest.rows()).hasSize(1);
        assertThat(rest.nextCursor()).isEmpty();
    }

    @Test
    void smallValuesStayInlineInEntryJson() {
        store.journal(ID, 0, List.of(SetStateCommandMessage.newBuilder().setKey(utf8("k")).setValue(Value.newBuilder().setContent(utf8("AB"))).build(),
                RunCommandMessage.newBuilder().setResultCompletionId(1).build()));
        JournalEntryDetail detail = store.reads.journalEntry(TEXT, 0).orElseThrow();
        assertThat(detail.entryJson()).isEqualTo("{\"Command\":{\"SetState\":{\"key\":\"k\",\"value\":[65,66],\"name\":\"\"}}}");
        assertThat(detail.value()).hasValueSatisfying(value -> assertThat(value).containsExactly('A', 'B'));
        assertThat(store.reads.journalEntry(TEXT, 1).orElseThrow().value()).as("a run command carries no value").isEmpty();
        assertThat(store.reads.journalEntry(TEXT, 2)).isEmpty();
    }

    @Test
    void aWindowOfAFiftyThousandEntryJournalReadsOnlyTheWindow() {
        int size = 50_000;
        store.journal(ID, 0, IntStream.range(0, size).mapToObj(i -> RunCommandMessage.newBuilder().setResultCompletionId(i + 1)
                .setName("step " + i).build()).toList());
        store.storage.rowsRead.clear();

        long micros = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) { // the best of 20: class loading and the JIT left out
            long start = System.nanoTime();
            store.reads.journal(TEXT, 49_900 - i * 1000, 200);
            micros = Math.min(micros, (System.nanoTime() - start) / 1000);
        }
        store.storage.rowsRead.clear();
        RowPage window = store.reads.journal(TEXT, 49_900, 200);
        assertThat(window.rows()).hasSize(100);
        assertThat(named(window.columns(), window.rows().get(0))).containsEntry("index", 49_900L).containsEntry("name", "step 49900");
        assertThat(window.nextCursor()).isEmpty();
        assertThat(store.storage.rowsRead.get("journal").get()).as("journal rows read").isEqualTo(100);

        RowPage middle = store.reads.journal(TEXT, 25_000, 200);
        assertThat(middle.nextCursor()).contains("25200");
        assertThat(store.storage.total()).as("rows read by both windows").isEqualTo(100 + 201);
        System.out.printf("journal window of 200 in 50 000 entries (best of 20): %d µs%n", micros);
    }

    @Test
    void badArgumentsAreNamedAndUnknownInvocationsAreEmpty() {
        assertThatThrownBy(() -> store.reads.journal("inv_nope", 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invocation id");
        assertThatThrownBy(() -> store.reads.journal(TEXT, -1, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from");
        assertThatThrownBy(() -> store.reads.journal(TEXT, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> store.reads.journalEntry("dp_1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.reads.stateKeys("", Optional.empty(), 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service");
        assertThatThrownBy(() -> store.reads.state("S", "k", Optional.empty(), 10, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inlineLimit");

        RowPage empty = store.reads.journal(TEXT, 0, 10);
        assertThat(empty.rows()).isEmpty();
        assertThat(empty.nextCursor()).isEmpty();
        assertThat(store.reads.journalEntry(TEXT, 0)).isEmpty();
        assertThat(store.reads.stateValue("S", "k", "x")).isEmpty();
    }

    @Test
    void stateKeysListTheServicesObjectsInKeyOrderWithTheirSizes() {
        store.state("Cart", "bob", "items", "[1,2]".getBytes());
        store.state("Cart", "bob", "owner", "bob".getBytes());
        store.state("Cart", "alice", "items", "[]".getBytes());
        store.state("Cart", "<script>", "x", new byte[0]);
        store.state("Other", "bob", "items", "[9]".getBytes()); // same key, other service: same partition key
        store.state("Car", "alice", "wheels", "4".getBytes());

        RowPage page = store.reads.stateKeys("Cart", Optional.empty(), 2);
        assertThat(page.rows()).containsExactly(new Object[] {"<script>", 1L, 0L}, new Object[] {"alice", 1L, 2L});
        assertThat(page.nextCursor()).contains("alice");
        RowPage next = store.reads.stateKeys("Cart", page.nextCursor(), 2);
        assertThat(next.rows()).containsExactly(new Object[] {"bob", 2L, 8L});
        assertThat(next.nextCursor()).isEmpty();

        RowPage entries = store.reads.state("Cart", "bob", Optional.empty(), 1, 3);
        assertThat(entries.rows()).containsExactly(new Object[] {"items", 5L, null});
        RowPage more = store.reads.state("Cart", "bob", entries.nextCursor(), 1, 3);
        assertThat(more.rows()).containsExactly(new Object[] {"owner", 3L, "bob".getBytes()});
        assertThat(more.nextCursor()).isEmpty();
        assertThat(store.reads.stateValue("Cart", "bob", "items")).hasValueSatisfying(v -> assertThat(new String(v)).isEqualTo("[1,2]"));
    }
}
