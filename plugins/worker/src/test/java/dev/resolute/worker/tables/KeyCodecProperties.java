package dev.resolute.worker.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Keys;
import dev.resolute.worker.ids.PartitionKeys;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The tables' key encodings: byte-for-byte what earlier versions wrote (so existing data keeps loading), a
 * partition's rows in one contiguous range, timers in due order, and object keys that never run into each other.
 */
class KeyCodecProperties {
    private static final byte[] ID = HexFormat.of().parseHex("00000000000000070102030405060708090a0b0c0d0e0f10");

    @Example
    void keysAreTheBytesEarlierVersionsWrote() {
        assertThat(hex(JournalTable.key(ID, 5))).isEqualTo(hex(ID) + "00000005");
        assertThat(hex(NotificationsTable.key(ID, new NotificationId.Completion(3)))).isEqualTo(hex(ID) + "01" + "00000003");
        assertThat(hex(NotificationsTable.key(ID, new NotificationId.Signal(1)))).isEqualTo(hex(ID) + "02" + "00000001");
        assertThat(hex(NotificationsTable.key(ID, new NotificationId.NamedSignal("go")))).isEqualTo(hex(ID) + "03" + "676f");
        ObjectKey object = new ObjectKey(7, "Svc", "k");
        assertThat(hex(object.prefix())).isEqualTo("0000000000000007" + "00000003" + "537663" + "00000001" + "6b");
        assertThat(hex(InboxTable.key(object, 9))).isEqualTo(hex(object.prefix()) + "0000000000000009");
        assertThat(hex(TimersTable.key(2, 1000, ID, TimersTable.Kind.RETRY, 4)))
                .isEqualTo("0002" + "00000000000003e8" + hex(ID) + "02" + "0000000000000004");
        assertThat(hex(TimersTable.key(2, 1000, ID, TimersTable.Kind.SLEEP, 4))).contains(hex(ID) + "01");
        assertThat(hex(TimersTable.key(2, 1000, ID, TimersTable.Kind.START, 0))).contains(hex(ID) + "03");
        assertThat(hex(OutboxTable.key(3, 11))).isEqualTo("0003" + "000000000000000b");
        assertThat(hex(MetaTable.key(3, "inbox"))).isEqualTo("0003" + "696e626f78");
    }

    @Property
    void timerKeysSortByWakeTimeWithinAPartition(@ForAll @IntRange(max = 65535) int partition,
                                                 @ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 1) long wake, @ForAll @LongRange(min = 1) long later,
                                                 @ForAll @Size(24) byte[] a, @ForAll @Size(24) byte[] b, @ForAll long da, @ForAll long db) {
        long wakeLater = wake + Math.min(later, Long.MAX_VALUE - wake);
        byte[] first = TimersTable.key(partition, wake, a, TimersTable.Kind.RETRY, da);
        byte[] second = TimersTable.key(partition, wakeLater, b, TimersTable.Kind.SLEEP, db);
        assertThat(Keys.compare(first, second)).isNegative();
        assertThat(TimersTable.isKeyOf(partition, first)).isTrue();
        assertThat(TimersTable.isKeyOf((partition + 1) % 65536, first)).isFalse();
    }

    @Property
    void aPartitionIndexedTableKeepsEachPartitionInItsOwnRange(@ForAll @IntRange(max = 65534) int p, @ForAll long wake, @ForAll @Size(24) byte[] id,
                                                              @ForAll long seq, @ForAll long otherSeq) {
        KeyRange own = KeyRange.prefix(Bytes.u16(p));
        for (byte[] key : new byte[][] {TimersTable.key(p, wake, id, TimersTable.Kind.START, seq), OutboxTable.key(p, seq), MetaTable.key(p, "outbox")}) {
            assertThat(own.contains(key)).isTrue();
            assertThat(Keys.compare(key, OutboxTable.key(p + 1, otherSeq))).as("every key of partition p sorts before partition p + 1").isNegative();
        }
    }

    @Property
    void aPartitionKeyedRowLiesInItsPartitionsIdRangeOnly(@ForAll long partitionKey, @ForAll @IntRange(min = 1, max = 64) int count,
                                                          @ForAll @StringLength(max = 12) String service, @ForAll @StringLength(max = 12) String key,
                                                          @ForAll @Size(max = 40) byte[] stateKey) {
        int p = PartitionKeys.partitionOf(partitionKey, count);
        byte[] id = ByteBuffer.allocate(24).putLong(partitionKey).putLong(1).putLong(2).array();
        ObjectKey object = new ObjectKey(partitionKey, service, key);
        for (byte[] row : new byte[][] {id, JournalTable.key(id, 3), NotificationsTable.key(id, new NotificationId.Completion(1)),
                Bytes.concat(object.prefix(), stateKey), InboxTable.key(object, 5)}) {
            assertThat(ActiveIndex.idRange(p, count).contains(row)).isTrue();
            if (count > 1) {
                assertThat(ActiveIndex.idRange((p + 1) % count, count).contains(row)).isFalse();
            }
        }
    }

    @Property
    void distinctObjectsNeverShareAPrefix(@ForAll @StringLength(max = 12) String s1, @ForAll @StringLength(max = 12) String k1,
                                          @ForAll @StringLength(max = 12) String s2, @ForAll @StringLength(max = 12) String k2) {
        ObjectKey a = new ObjectKey(1, s1, k1);
        ObjectKey b = new ObjectKey(1, s2, k2);
        if (!a.equals(b)) {
            assertThat(startsWith(a.prefix(), b.prefix())).isFalse();
            assertThat(startsWith(b.prefix(), a.prefix())).isFalse();
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
