package dev.resolute.fabric;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The node's generation: a number that grows at every start, as a Restate node's does per restart (restatectl shows
 * {@code N1:<generation>} and compares it to tell a restarted node from the one it knew). Kept in a small file of the
 * node's data directory, because deriving it from time could go backwards when the clock does.
 */
final class NodeGeneration {

    static final String FILE = "fabric-generation";

    private NodeGeneration() {
    }

    /** Reads the last generation (0 if none), stores the next one and returns it. */
    static int next(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        int last = 0;
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            try {
                last = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IOException(file + " holds \"" + text + "\", not a generation number", e);
            }
        }
        int next = Math.max(last, 0) + 1;
        Path written = Files.writeString(dataDir.resolve(FILE + ".tmp"), Integer.toString(next), StandardCharsets.UTF_8);
        try {
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return next;
    }
}
