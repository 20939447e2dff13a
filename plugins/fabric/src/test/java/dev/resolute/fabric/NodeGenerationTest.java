package dev.resolute.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeGenerationTest {

    @TempDir
    Path dir;

    @Test
    void growsByOneAtEveryStartAndIsKeptInTheDataDirectory() throws IOException {
        Path data = dir.resolve("restate-data/node-1");

        assertEquals(1, NodeGeneration.next(data));
        assertEquals(2, NodeGeneration.next(data));
        assertEquals(3, NodeGeneration.next(data));
        assertEquals("3", Files.readString(data.resolve(NodeGeneration.FILE)));
    }

    @Test
    void anUnreadableFileIsAnErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve(NodeGeneration.FILE), "x");

        IOException e = assertThrows(IOException.class, () -> NodeGeneration.next(dir));
        assertTrue(e.getMessage().contains(NodeGeneration.FILE) && e.getMessage().contains("\"x\""), e.getMessage());
    }
}
