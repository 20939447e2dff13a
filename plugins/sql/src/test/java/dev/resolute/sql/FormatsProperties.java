package dev.resolute.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resolute.spi.query.QueryResult;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** The JSON value formats of reference §4.6 and the Arrow stream, against independent readers. */
class FormatsProperties {
    private static final List<TableColumn> COLUMNS = List.of(new TableColumn("s", SqlType.UTF8), new TableColumn("b", SqlType.BOOLEAN),
            new TableColumn("u32", SqlType.UINT32), new TableColumn("u64", SqlType.UINT64), new TableColumn("i64", SqlType.INT64),
            new TableColumn("f", SqlType.FLOAT64), new TableColumn("ts", SqlType.TIMESTAMP), new TableColumn("d", SqlType.DURATION),
            new TableColumn("bin", SqlType.BINARY), new TableColumn("names", SqlType.UTF8_LIST), new TableColumn("nums", SqlType.UINT32_LIST));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property
    void timestampsAreRfc3339UtcMillis(@ForAll @LongRange(min = 0, max = 253402300799999L) long millis) {
        String text = JsonRows.timestamp(Instant.ofEpochMilli(millis));
        assertThat(text).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(Instant.from(DateTimeFormatter.ISO_INSTANT.parse(text)).toEpochMilli()).isEqualTo(millis);
    }

    @Property
    void durationsAreIso8601Seconds(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long millis) {
        String text = JsonRows.duration(Duration.ofMillis(millis));
        assertThat(text).matches("-?PT\\d+(\\.\\d{3})?S");
        assertThat(Duration.parse(text).toMillis()).isEqualTo(millis);
    }

    @Property(tries = 60)
    void jsonRowsOmitNullsAndRoundTrip(@ForAll("rows") @Size(max = 30) List<Object[]> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QueryResult result = result(rows)) {
            result.writeJsonRows(out);
        }
        JsonNode read = JSON.readTree(out.toByteArray()).get("rows");
        assertThat(read).hasSize(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                JsonNode value = read.get(r).get(COLUMNS.get(c).name());
                Object expected = rows.get(r)[c];
                if (expected == null) {
                    assertThat(value).as("null columns are omitted").isNull();
                    continue;
                }
                Object back = switch (COLUMNS.get(c).type()) {
                    case UTF8 -> value.textValue();
                    case BOOLEAN -> value.booleanValue();
                    case UINT64 -> Long.parseUnsignedLong(value.asText());
                    case UINT32, INT64 -> value.longValue();
                    case FLOAT64 -> value.doubleValue();
                    case TIMESTAMP -> Instant.parse(value.textValue());
                    case DURATION -> Duration.parse(value.textValue());
                    case BINARY -> HexFormat.of().parseHex(value.textValue());
                    case UTF8_LIST -> JSON.convertValue(value, List.class);
                    case UINT32_LIST -> { List<Long> longs = new ArrayList<>(); value.forEach(n -> longs.add(n.longValue())); yield longs; }
                };
                assertThat(back).isEqualTo(expected);
            }
        }
    }

    @Property(tries = 40)
    void arrowStreamRoundTrips(@ForAll("rows") @Size(max = 2500) List<Object[]> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QueryResult result = result(rows)) {
            result.writeArrowStream(out);
        }
        List<Object[]> back = new ArrayList<>();
        try (RootAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(out.toByteArray()), allocator)) {
            var schema = reader.getVectorSchemaRoot().getSchema();
            assertThat(schema.findField("s").getType()).isEqualTo(ArrowType.LargeUtf8.INSTANCE);
            assertThat(schema.findField("u64").getType()).isEqualTo(new ArrowType.Int(64, false));
            assertThat(schema.findField("i64").getType()).isEqualTo(new ArrowType.Int(64, true));
            while (reader.loadNextBatch()) {
                var batch = reader.getVectorSchemaRoot();
                assertThat(batch.getRowCount()).isLessThanOrEqualTo(ArrowRows.BATCH_ROWS);
                for (int r = 0; r < batch.getRowCount(); r++) {
                    Object[] row = new Object[COLUMNS.size()];
                    for (int c = 0; c < COLUMNS.size(); c++) {
                        row[c] = read(batch.getVector(c), COLUMNS.get(c).type(), r);
                    }
                    back.add(row);
                }
            }
        }
        assertThat(back).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(rows);
    }

    private static Object read(FieldVector vector, SqlType type, int r) {
        if (vector.isNull(r)) {
            return null;
        }
        Object v = vector.getObject(r);
        return switch (type) {
            case UTF8 -> v.toString();
            case UINT32 -> Integer.toUnsignedLong((Integer) v);
            case TIMESTAMP -> Instant.ofEpochMilli(((org.apache.arrow.vector.TimeStampMilliTZVector) vector).get(r));
            case DURATION -> (Duration) v;
            case UTF8_LIST -> ((List<?>) v).stream().map(String::valueOf).toList();
            case UINT32_LIST -> ((List<?>) v).stream().map(n -> Integer.toUnsignedLong((Integer) n)).toList();
            default -> v;
        };
    }

    private static QueryResult result(List<Object[]> rows) {
        Iterator<Object[]> it = rows.iterator();
        return new QueryResult() {
            @Override
            public List<TableColumn> columns() {
                return COLUMNS;
            }

            @Override
            public Object[] nextRow() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void writeArrowStream(java.io.OutputStream out) throws IOException {
                ArrowRows.write(this, out);
            }

            @Override
            public void writeJsonRows(java.io.OutputStream out) throws IOException {
                JsonRows.write(this, out);
            }

            @Override
            public void close() {
            }
        };
    }

    @Provide
    Arbitrary<List<Object[]>> rows() {
        Arbitrary<Object[]> row = Combinators.combine(List.of(
                Arbitraries.strings().ofMaxLength(20).injectNull(0.2).map(o -> (Object) o),
                Arbitraries.of(true, false).injectNull(0.2).map(o -> (Object) o),
                Arbitraries.longs().between(0, 0xFFFF_FFFFL).injectNull(0.2).map(o -> (Object) o),
                Arbitraries.longs().injectNull(0.2).map(o -> (Object) o),
                Arbitraries.longs().injectNull(0.2).map(o -> (Object) o),
                Arbitraries.doubles().injectNull(0.2).map(o -> (Object) o),
                Arbitraries.longs().between(0, 253402300799999L).map(Instant::ofEpochMilli).injectNull(0.2).map(o -> (Object) o),
                Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000L).map(Duration::ofMillis).injectNull(0.2).map(o -> (Object) o),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).injectNull(0.2).map(o -> (Object) o),
                Arbitraries.strings().alpha().ofMaxLength(8).list().ofMaxSize(3).injectNull(0.2).map(o -> (Object) o),
                Arbitraries.longs().between(0, 0xFFFF_FFFFL).list().ofMaxSize(3).injectNull(0.2).map(o -> (Object) o)))
                .as(List::toArray);
        return row.list();
    }
}
