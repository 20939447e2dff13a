package dev.resolute.bench.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/** A loop of small write + fdatasync on the benchmark's disk: the physical limit a group commit divides among writers. */
final class SyncRate {

    private SyncRate() {
    }

    /**
     * Syncs per second when each sync covers {@code pages} 4 KiB pages written at random offsets of a
     * 200 MB file: what one LMDB transaction costs when its commits touch that many leaf pages.
     */
    static double randomPages(Path file, int pages, double seconds) throws IOException {
        ByteBuffer page = ByteBuffer.allocateDirect(4096);
        SplittableRandom random = new SplittableRandom(pages);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long n = 0;
            while (System.nanoTime() < end) {
                for (int p = 0; p < pages; p++) {
                    page.clear();
                    ch.write(page, 4096L * random.nextInt(50_000));
                }
                ch.force(false);
                n++;
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Syncs per second, appending 200 B records (like a WAL) or overwriting one in place. */
    static double measure(Path file, boolean append, double seconds) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(200);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long n = 0;
            long position = 0;
            while (System.nanoTime() < end) {
                record.clear();
                ch.write(record, position);
                ch.force(false);
                n++;
                if (append) {
                    position += record.capacity();
                }
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
