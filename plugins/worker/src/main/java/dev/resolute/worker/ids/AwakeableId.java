package dev.resolute.worker.ids;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;

/**
 * The id an SDK hands out for an awakeable, naming the invocation that waits and where its result goes:
 * the prefix, then base64url without padding of the 24-byte invocation id and a u32 big-endian index.
 * Current SDKs write {@code sign_1} with a signal index (user signals start at 17); ids from V1-V3 SDKs,
 * {@code prom_1}, carry the journal entry index of the awakeable instead.
 *
 * @param index unsigned 32 bits
 */
public record AwakeableId(Kind kind, InvocationId invocationId, int index) {
    /** What the index counts. */
    public enum Kind {
        /** {@code sign_1}: resolving the awakeable appends a SignalNotification with this signal index. */
        SIGNAL("sign_1"),
        /** {@code prom_1}: a legacy awakeable, completed by the journal entry at this index. */
        JOURNAL_ENTRY("prom_1");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final int RAW_BYTES = InvocationId.BYTES + 4;
    private static final String WHAT = "awakeable id";

    public AwakeableId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(invocationId, "invocationId");
    }

    /** The id of the signal with this index of the invocation, as an SDK of protocol V5+ writes it. */
    public static AwakeableId signal(InvocationId invocationId, int signalIndex) {
        return new AwakeableId(Kind.SIGNAL, invocationId, signalIndex);
    }

    /** @throws InvalidIdException if the text is neither a {@code sign_1} nor a {@code prom_1} id */
    public static AwakeableId parse(String text) {
        Objects.requireNonNull(text, WHAT);
        for (Kind kind : Kind.values()) {
            if (text.startsWith(kind.prefix)) {
                return decode(text, kind);
            }
        }
        throw IdText.invalid(text, WHAT, "it must start with \"" + Kind.SIGNAL.prefix + "\" (or the legacy \""
                + Kind.JOURNAL_ENTRY.prefix + "\")");
    }

    /** The {@code sign_1…} or {@code prom_1…} form. */
    @Override
    public String toString() {
        byte[] raw = ByteBuffer.allocate(RAW_BYTES).put(invocationId.toBytes()).putInt(index).array();
        return kind.prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static AwakeableId decode(String text, Kind kind) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text.substring(kind.prefix.length()));
        } catch (IllegalArgumentException e) {
            throw IdText.invalid(text, WHAT, "not base64url after the prefix (" + e.getMessage() + ")");
        }
        if (raw.length != RAW_BYTES) {
            throw IdText.invalid(text, WHAT, "it must encode " + RAW_BYTES + " bytes, not " + raw.length);
        }
        ByteBuffer in = ByteBuffer.wrap(raw);
        byte[] invocation = new byte[InvocationId.BYTES];
        in.get(invocation);
        return new AwakeableId(kind, InvocationId.fromBytes(invocation), in.getInt());
    }
}
