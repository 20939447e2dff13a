package dev.resolute.testservices.java;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one line per execution of a side effect to the file named by {@code $EXEC_LOG}, so a test
 * can see that a journaled {@code ctx.run} result is never computed again on replay.
 */
final class ExecLog {
    private ExecLog() {
    }

    static synchronized void append(String line) {
        String file = System.getenv("EXEC_LOG");
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
