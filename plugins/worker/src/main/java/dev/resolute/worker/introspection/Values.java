package dev.resolute.worker.introspection;

import dev.resolute.worker.engine.pb.ServiceKind;
import dev.resolute.worker.engine.pb.Target;
import dev.resolute.worker.ids.InvocationId;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Restate's text forms of stored values (reference §5), and nulls for what is unset. */
final class Values {
    private Values() {
    }

    /** The {@code inv_1…} form of a 24-byte id. */
    static String id(byte[] invocationId) {
        return InvocationId.fromBytes(invocationId).toString();
    }

    /** The partition key an id starts with. */
    static long partitionKey(byte[] invocationId) {
        return InvocationId.fromBytes(invocationId).partitionKey();
    }

    /** An id, or null for an empty (unset) one. */
    static String idOrNull(byte[] invocationId) {
        return invocationId.length == 0 ? null : id(invocationId);
    }

    /** An epoch-millisecond time, or null for 0 (unset). */
    static Instant timestamp(long epochMillis) {
        return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis);
    }

    static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }

    /** A text, or null for an empty (unset) one. */
    static String text(String value) {
        return value.isEmpty() ? null : value;
    }

    /** Whether the target runs on a key: a virtual object's or workflow's. */
    static boolean keyed(Target target) {
        return target.getServiceKind() != ServiceKind.SERVICE;
    }

    /** {@code Svc/handler}, or {@code Svc/key/handler} for a keyed target. */
    static String target(Target target) {
        return keyed(target)
                ? target.getService() + "/" + target.getKey() + "/" + target.getHandler()
                : target.getService() + "/" + target.getHandler();
    }

    /** {@code service}, {@code virtual_object} or {@code workflow}. */
    static String serviceType(ServiceKind kind) {
        return switch (kind) {
            case VIRTUAL_OBJECT -> "virtual_object";
            case WORKFLOW -> "workflow";
            default -> "service";
        };
    }

    /** A failure as Restate shows it: {@code [code] message}. */
    static String failure(int code, String message) {
        return "[" + code + "] " + message;
    }

    /** The bytes as text if they are valid UTF-8, else null. */
    static String utf8(byte[] bytes) {
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return text.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
