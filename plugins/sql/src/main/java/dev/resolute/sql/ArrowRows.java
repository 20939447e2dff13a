package dev.resolute.sql;

import dev.resolute.spi.query.QueryResult;
import dev.resolute.spi.query.SqlType;
import dev.resolute.spi.query.TableColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A query result as an Arrow IPC stream with Restate's types (reference §5): text LargeUtf8, Timestamp(ms, UTC),
 * Duration(ms), unsigned integers UInt32/UInt64, counts Int64, lists List. Rows go out in batches of
 * {@value #BATCH_ROWS} as they are read, so a result is never held whole.
 */
final class ArrowRows {
    static final int BATCH_ROWS = 1000;
    /** What one batch may allocate: far above 1000 rows of introspection data, a guard against runaway values. */
    private static final long ALLOCATION_LIMIT = 1L << 30;

    private ArrowRows() {
    }

    static Schema schema(List<TableColumn> columns) {
        List<Field> fields = new ArrayList<>();
        for (TableColumn column : columns) {
            fields.add(field(column.name(), column.type()));
        }
        return new Schema(fields);
    }

    private static Field field(String name, SqlType type) {
        return switch (type) {
            case UTF8_LIST -> new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(field("item", SqlType.UTF8)));
            case UINT32_LIST -> new Field(name, FieldType.nullable(ArrowType.List.INSTANCE), List.of(field("item", SqlType.UINT32)));
            default -> new Field(name, FieldType.nullable(arrowType(type)), null);
        };
    }

    private static ArrowType arrowType(SqlType type) {
        return switch (type) {
            case UTF8 -> ArrowType.LargeUtf8.INSTANCE;
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case UINT32 -> new ArrowType.Int(32, false);
            case UINT64 -> new ArrowType.Int(64, false);
            case INT64 -> new ArrowType.Int(64, true);
            case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
            case DURATION -> new ArrowType.Duration(TimeUnit.MILLISECOND);
            case BINARY -> ArrowType.Binary.INSTANCE;
            case UTF8_LIST, UINT32_LIST -> ArrowType.List.INSTANCE;
        };
    }

    static void write(QueryResult result, OutputStream out) throws IOException {
        List<TableColumn> columns = result.columns();
        try (BufferAllocator allocator = new RootAllocator(RootAllocator.configBuilder()
                .allocationManagerFactory(UnsafeAllocationManager.FACTORY).maxAllocation(ALLOCATION_LIMIT).build());
             VectorSchemaRoot batch = VectorSchemaRoot.create(schema(columns), allocator);
             ArrowStreamWriter writer = new ArrowStreamWriter(batch, null, Channels.newChannel(out))) {
            writer.start();
            Object[] row = result.nextRow();
            boolean first = true;
            while (row != null || first) { // an empty result still has one empty batch, as DataFusion sends
                batch.allocateNew();
                int n = 0;
                for (; row != null && n < BATCH_ROWS; row = result.nextRow(), n++) {
                    for (int c = 0; c < columns.size(); c++) {
                        set(batch.getVector(c), columns.get(c).type(), n, row[c]);
                    }
                }
                batch.setRowCount(n);
                writer.writeBatch();
                first = false;
            }
            writer.end();
        }
    }

    private static void set(FieldVector vector, SqlType type, int index, Object value) {
        if (value == null) {
            if (vector instanceof ListVector list) {
                list.setNull(index);
            } else {
                vector.setNull(index);
            }
            return;
        }
        switch (type) {
            case UTF8 -> ((LargeVarCharVector) vector).setSafe(index, ((String) value).getBytes(StandardCharsets.UTF_8));
            case BOOLEAN -> ((BitVector) vector).setSafe(index, (Boolean) value ? 1 : 0);
            case UINT32 -> ((UInt4Vector) vector).setSafe(index, (int) (long) (Long) value);
            case UINT64 -> ((UInt8Vector) vector).setSafe(index, (Long) value);
            case INT64 -> ((BigIntVector) vector).setSafe(index, (Long) value);
            case FLOAT64 -> ((Float8Vector) vector).setSafe(index, (Double) value);
            case TIMESTAMP -> ((TimeStampMilliTZVector) vector).setSafe(index, ((Instant) value).toEpochMilli());
            case DURATION -> ((DurationVector) vector).setSafe(index, ((Duration) value).toMillis());
            case BINARY -> ((VarBinaryVector) vector).setSafe(index, (byte[]) value);
            case UTF8_LIST, UINT32_LIST -> {
                ListVector list = (ListVector) vector;
                SqlType itemType = type == SqlType.UTF8_LIST ? SqlType.UTF8 : SqlType.UINT32;
                List<?> items = (List<?>) value;
                int start = list.startNewValue(index);
                for (int i = 0; i < items.size(); i++) {
                    set(list.getDataVector(), itemType, start + i, items.get(i));
                }
                list.endValue(index, items.size());
            }
        }
    }
}
