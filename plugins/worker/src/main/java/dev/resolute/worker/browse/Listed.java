package dev.resolute.worker.browse;

import dev.resolute.worker.engine.pb.InvocationStatus;
import dev.resolute.worker.tables.CreationIndex.Position;

/**
 * A stored invocation as the lists see it.
 *
 * @param uiStatus its status in the UI's model ({@link dev.resolute.spi.browse.InvocationQuery#STATUSES})
 */
record Listed(byte[] id, InvocationStatus status, String uiStatus) {
    Position position() {
        return new Position(status.getCreatedAt(), id);
    }
}
