package dev.resolute.worker.browse;

import dev.resolute.worker.ids.InvocationId;
import dev.resolute.worker.tables.CreationIndex.Position;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Base64;

/** A list's keyset cursor: the creation time and id of the last invocation a page read, as opaque URL-safe text. */
final class PageCursor {
    private static final int BYTES = 8 + InvocationId.BYTES;

    private PageCursor() {
    }

    static String encode(Position position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                ByteBuffer.allocate(BYTES).putLong(position.createdAt()).put(position.id()).array());
    }

    /** @throws IllegalArgumentException if {@code cursor} is not one {@link #encode} made */
    static Position decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            if (bytes.length != BYTES) {
                throw new IllegalArgumentException();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long createdAt = buffer.getLong();
            byte[] id = new byte[InvocationId.BYTES];
            buffer.get(id);
            return new Position(createdAt, id);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw new IllegalArgumentException("cursor '" + cursor + "' is not one this list made: pass a page's next_cursor unchanged");
        }
    }
}
