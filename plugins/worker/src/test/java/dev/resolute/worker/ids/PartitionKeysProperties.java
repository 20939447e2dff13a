package dev.resolute.worker.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PartitionKeysProperties {
    /**
     * Restate put invocations of {@code Counter/k2} under ids starting {@code inv_10SHxgluLUdD} (restate-protocol.md
     * §8.1): our hash of "k2" must be that partition key, so object keys land where Restate puts them.
     */
    @Example
    void anObjectKeyHashesToRestatesPartitionKey() {
        long restates = InvocationId.parse("inv_10SHxgluLUdD" + "0".repeat(22)).partitionKey();

        assertThat(PartitionKeys.of("k2")).isEqualTo(restates).isEqualTo(0x758d82ac80d0460aL);
    }

    /** Keys are persisted in every id and table key: these values must never change. */
    @Example
    void theHashIsPinned() {
        assertThat(PartitionKeys.of("")).isEqualTo(0xd6bcec3c6b29d72eL);
        assertThat(PartitionKeys.of("user-42/ü✓")).isEqualTo(0xb3d03781a1c1443fL);
    }

    @Example
    void rangesTileTheUnsignedKeySpaceForUpTo1000Partitions() {
        for (int n = 1; n <= 1000; n++) {
            long expectedFirst = 0;
            for (int p = 0; p < n; p++) {
                PartitionKeys.KeyRange range = PartitionKeys.range(p, n);
                assertThat(range.first()).as("start of %d of %d", p, n).isEqualTo(expectedFirst);
                assertThat(Long.compareUnsigned(range.first(), range.last())).as("%d of %d is not empty", p, n).isLessThanOrEqualTo(0);
                assertThat(PartitionKeys.partitionOf(range.first(), n)).isEqualTo(p);
                assertThat(PartitionKeys.partitionOf(range.last(), n)).isEqualTo(p);
                expectedFirst = range.last() + 1;
            }
            assertThat(PartitionKeys.range(n - 1, n).last()).as("last key of %d", n).isEqualTo(-1L);
        }
    }

    @Property
    void everyKeyLiesInItsPartitionsRange(@ForAll long key, @ForAll @IntRange(min = 1, max = 65535) int n) {
        int partition = PartitionKeys.partitionOf(key, n);

        assertThat(partition).isBetween(0, n - 1);
        assertThat(PartitionKeys.range(partition, n).contains(key)).isTrue();
    }

    @Property
    void partitionsDifferInSizeByAtMostOneKey(@ForAll @IntRange(min = 1, max = 65535) int n, @ForAll @IntRange(max = 65534) int p, @ForAll @IntRange(max = 65534) int q) {
        PartitionKeys.KeyRange a = PartitionKeys.range(p % n, n);
        PartitionKeys.KeyRange b = PartitionKeys.range(q % n, n);

        assertThat(Math.abs((a.last() - a.first()) - (b.last() - b.first()))).isLessThanOrEqualTo(1);
    }

    @Example
    void theCountMustBePositive() {
        assertThatThrownBy(() -> PartitionKeys.partitionOf(0, 0)).hasMessage("the number of partitions must be at least 1, got 0");
        assertThatThrownBy(() -> PartitionKeys.range(3, 3)).hasMessage("partition must be 0 to 2, got 3");
    }

}
