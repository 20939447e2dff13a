package dev.resolute.tck.storage;

import dev.resolute.spi.storage.KeyRange;
import dev.resolute.spi.storage.Keys;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;

/**
 * The steps of the model-based test. Keys come from a tiny alphabet of boundary bytes (00 01 7f 80
 * fe ff) and are 1-3 bytes long, so that random steps keep hitting the same keys, prefixes of each
 * other and high-bit neighbours; each step describes itself in hex, so a shrunk failure reads as a
 * short script.
 */
final class ModelActions {

    private static final byte[] LONGEST_KEY = filled(Keys.MAX_SIZE, (byte) 0xFF);

    private ModelActions() {
    }

    static Action.Independent<StorageModel> put() {
        return () -> Combinators.combine(keyspaces(), keys(), values())
                .as((ks, k, v) -> step(List.of(ModelOp.put(ks, k, v))));
    }

    static Action.Independent<StorageModel> delete() {
        return () -> Combinators.combine(keyspaces(), keys()).as((ks, k) -> step(List.of(ModelOp.delete(ks, k))));
    }

    static Action.Independent<StorageModel> deleteRange() {
        return () -> Combinators.combine(keyspaces(), ranges()).as((ks, r) -> step(List.of(ModelOp.deleteRange(ks, r))));
    }

    static Action.Independent<StorageModel> batch() {
        return () -> ops().list().ofMinSize(2).ofMaxSize(8).map(ModelActions::step);
    }

    static Action.Independent<StorageModel> get() {
        return () -> Combinators.combine(keyspaces(), keys())
                .as((ks, k) -> Transformer.mutate("get(" + ks + ", " + Hex.of(k) + ")", m -> m.checkGet(ks, k)));
    }

    static Action.Independent<StorageModel> scan(boolean reverse) {
        String name = reverse ? "scanReverse" : "scan";
        return () -> Combinators.combine(keyspaces(), ranges())
                .as((ks, r) -> Transformer.mutate(name + "(" + ks + ", " + r + ")", m -> m.checkScan(ks, r, reverse)));
    }

    static Action.Independent<StorageModel> snapshotThenWrite() {
        return () -> ops().list().ofMinSize(1).ofMaxSize(4)
                .map(ops -> Transformer.mutate("snapshot, then " + ops, m -> m.snapshotThenWrite(ops)));
    }

    static Action.Independent<StorageModel> reopen() {
        return Action.just(Transformer.mutate("reopen", StorageModel::reopen));
    }

    private static Transformer<StorageModel> step(List<ModelOp> ops) {
        return Transformer.mutate(ops.size() == 1 ? ops.get(0).toString() : "batch" + ops, m -> m.commit(ops));
    }

    private static Arbitrary<ModelOp> ops() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(keyspaces(), keys(), values()).as(ModelOp::put)),
                Tuple.of(2, Combinators.combine(keyspaces(), keys()).as(ModelOp::delete)),
                Tuple.of(1, Combinators.combine(keyspaces(), ranges()).as(ModelOp::deleteRange)));
    }

    private static Arbitrary<String> keyspaces() {
        return Arbitraries.of(StorageModel.KEYSPACES);
    }

    private static Arbitrary<byte[]> keys() {
        return Arbitraries.frequencyOf(Tuple.of(30, bytes(1, 3)), Tuple.of(1, Arbitraries.just(LONGEST_KEY)));
    }

    /** Empty, tiny, or a few KiB (which LMDB keeps on overflow pages). */
    private static Arbitrary<byte[]> values() {
        Arbitrary<byte[]> tiny = Arbitraries.bytes().array(byte[].class).ofMaxSize(3);
        Arbitrary<byte[]> large = Arbitraries.integers().between(2_000, 20_000)
                .map(n -> filled(n, (byte) (n * 31)));
        return Arbitraries.frequencyOf(Tuple.of(12, tiny), Tuple.of(1, large));
    }

    private static Arbitrary<KeyRange> ranges() {
        return Arbitraries.oneOf(
                Arbitraries.just(KeyRange.all()),
                bytes(0, 3).map(KeyRange::atLeast),
                Combinators.combine(bytes(0, 3), bytes(0, 3)).as(KeyRange::between),
                bytes(0, 2).map(KeyRange::prefix));
    }

    private static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF)
                .array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }

    private static byte[] filled(int length, byte b) {
        byte[] out = new byte[length];
        Arrays.fill(out, b);
        return out;
    }
}
