package dev.resolute.worker.browse;

import static dev.resolute.worker.browse.BrowseStore.named;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.resolute.spi.browse.RowPage;
import dev.resolute.spi.storage.Keys;
import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.protocol.pb.Failure;
import dev.resolute.worker.protocol.pb.GetLazyStateCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.InputCommandMessage;
import dev.resolute.worker.protocol.pb.OutputCommandMessage;
import dev.resolute.worker.protocol.pb.RunCommandMessage;
import dev.resolute.worker.protocol.pb.RunCompletionNotificationMessage;
import dev.resolute.worker.protocol.pb.SetStateCommandMessage;
import dev.resolute.worker.protocol.pb.SleepCommandMessage;
import dev.resolute.worker.protocol.pb.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Paging through journals and state over a real store: windows of any size concatenate to the whole journal (as
 * {@code sys_journal} shows it), state pages of any size to the whole state in key order, each row exactly once, and
 * a value is inline exactly when it fits the inline limit.
 */
class DetailReadsProperties {

    @Property(tries = 40)
    void journalWindowsConcatenateToTheWholeJournal(@ForAll("journals") List<Message> journal,
                                                    @ForAll @IntRange(min = 1, max = 40) int window) throws Exception {
        String id = new InvocationId(journal.size(), 1, 2).toString();
        try (BrowseStore store = new BrowseStore()) {
            store.journal(InvocationId.parse(id).toBytes(), 0, journal);
            List<Map<String, Object>> read = new ArrayList<>();
            Optional<String> cursor = Optional.of("0");
            int pages = 0;
            while (cursor.isPresent()) {
                RowPage page = store.reads.journal(id, Integer.parseInt(cursor.get()), window);
                assertThat(page.rows().size()).isLessThanOrEqualTo(window);
                page.rows().forEach(row -> read.add(named(page.columns(), row)));
                cursor = page.nextCursor();
                pages++;
            }
            for (Map<String, Object> row : read) { // the preview is a prefix of the entry's value, its length the value's
                Optional<byte[]> value = store.reads.journalEntry(id, ((Long) row.get("index")).intValue()).orElseThrow().value();
                assertThat(row.remove("value_length")).isEqualTo(value.map(v -> (long) v.length).orElse(null));
                Object preview = row.remove("value_preview");
                if (preview != null) {
                    assertThat(new String(value.orElseThrow(), java.nio.charset.StandardCharsets.UTF_8)).startsWith((String) preview);
                }
            }
            List<Map<String, Object>> whole = store.sysJournal(id);
            whole.forEach(row -> {
                row.remove("raw");
                row.remove("entry_json");
            });
            assertThat(read).isEqualTo(whole);
            assertThat(pages).isEqualTo(Math.max(1, (journal.size() + window - 1) / window));
        }
    }

    @Property(tries = 40)
    void statePagesConcatenateToTheWholeStateInKeyOrder(@ForAll("states") Map<String, Map<String, Map<String, byte[]>>> state,
                                                       @ForAll @IntRange(min = 1, max = 7) int limit,
                                                       @ForAll @IntRange(min = 0, max = 6) int inlineLimit) throws Exception {
        try (BrowseStore store = new BrowseStore()) {
            state.forEach((service, objects) -> objects.forEach((key, entries) -> entries.forEach((name, value) -> store.state(service, key, name, value))));
            for (var service : state.entrySet()) {
                List<Object> expectedObjects = new ArrayList<>();
                byteOrder(service.getValue()).forEach((key, entries) -> expectedObjects.add(List.of(key, (long) entries.size(),
                        entries.values().stream().mapToLong(v -> v.length).sum())));
                List<Object> objects = new ArrayList<>();
                Optional<String> after = Optional.empty();
                do {
                    RowPage page = store.reads.stateKeys(service.getKey(), after, limit);
                    assertThat(page.rows().size()).isLessThanOrEqualTo(limit);
                    page.rows().forEach(row -> objects.add(List.of(row)));
                    after = page.nextCursor();
                } while (after.isPresent());
                assertThat(objects).as("objects of " + service.getKey()).isEqualTo(expectedObjects);

                for (var object : service.getValue().entrySet()) {
                    List<String> keys = new ArrayList<>();
                    Optional<String> from = Optional.empty();
                    do {
                        RowPage page = store.reads.state(service.getKey(), object.getKey(), from, limit, inlineLimit);
                        for (Object[] row : page.rows()) {
                            byte[] stored = object.getValue().get((String) row[0]);
                            assertThat(row[1]).isEqualTo((long) stored.length);
                            if (stored.length <= inlineLimit) {
                                assertThat((byte[]) row[2]).isEqualTo(stored);
                            } else {
                                assertThat(row[2]).as("over the inline limit").isNull();
                            }
                            assertThat(store.reads.stateValue(service.getKey(), object.getKey(), (String) row[0])).hasValue(stored);
                            keys.add((String) row[0]);
                        }
                        from = page.nextCursor();
                    } while (from.isPresent());
                    assertThat(keys).isEqualTo(new ArrayList<>(byteOrder(object.getValue()).keySet()));
                }
            }
        }
    }

    private static <V> TreeMap<String, V> byteOrder(Map<String, V> map) {
        TreeMap<String, V> sorted = new TreeMap<>((a, b) -> Keys.compare(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        sorted.putAll(map);
        return sorted;
    }

    @Provide
    Arbitrary<List<Message>> journals() {
        Arbitrary<ByteString> payload = Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(ByteString::copyFrom);
        Arbitrary<Value> value = payload.map(p -> Value.newBuilder().setContent(p).build());
        Arbitrary<String> name = Arbitraries.of("", "step", "<script>", "größe");
        Arbitrary<Message> entry = Arbitraries.oneOf(
                value.map(v -> InputCommandMessage.newBuilder().setValue(v).build()),
                Combinators.combine(Arbitraries.integers().between(1, 99), name).as((c, n) -> RunCommandMessage.newBuilder().setResultCompletionId(c).setName(n).build()),
                Combinators.combine(Arbitraries.integers().between(1, 99), value).as((c, v) -> RunCompletionNotificationMessage.newBuilder().setCompletionId(c).setValue(v).build()),
                Combinators.combine(name, value).as((n, v) -> SetStateCommandMessage.newBuilder().setKey(ByteString.copyFromUtf8(n)).setValue(v).build()),
                Arbitraries.integers().between(1, 99).map(c -> GetLazyStateCompletionNotificationMessage.newBuilder().setCompletionId(c)
                        .setVoid(dev.resolute.worker.protocol.pb.Void.getDefaultInstance()).build()),
                Arbitraries.longs().between(0, 1L << 42).map(t -> SleepCommandMessage.newBuilder().setWakeUpTime(t).setResultCompletionId(1).build()),
                Arbitraries.of(OutputCommandMessage.newBuilder().setFailure(Failure.newBuilder().setCode(500).setMessage("boom")).build()));
        return entry.list().ofMaxSize(120);
    }

    @Provide
    Arbitrary<Map<String, Map<String, Map<String, byte[]>>>> states() {
        Arbitrary<String> text = Arbitraries.of("a", "b", "ab", "B", "ä", "z", "😀", "<script>", "", "key-10", "key-9");
        Arbitrary<Map<String, byte[]>> entries = Arbitraries.maps(text, Arbitraries.bytes().array(byte[].class).ofMaxSize(10)).ofMinSize(1).ofMaxSize(9);
        Arbitrary<Map<String, Map<String, byte[]>>> objects = Arbitraries.maps(text, entries).ofMaxSize(12);
        return Arbitraries.maps(Arbitraries.of("Cart", "Car", "Carts", "Other"), objects).ofMinSize(1).ofMaxSize(3);
    }
}
