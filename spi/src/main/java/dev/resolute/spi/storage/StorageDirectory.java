package dev.resolute.spi.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Guards a node's data dir for one storage engine, the same way for every engine: an exclusive lock
 * and an engine marker in {@code <data-dir>/storage-engine}, and the engine's own folder
 * {@code <data-dir>/<engine>/}.
 *
 * <p>Storage plugins must open it before touching any engine file and close it after closing the
 * engine. The lock keeps a second process (or a second store in this JVM) out; the marker stops a
 * node from silently starting empty after {@code storage.engine} was switched, which would look like
 * lost data.
 */
public final class StorageDirectory implements AutoCloseable {

    /** The marker file's name inside the data dir; it holds the engine's id. */
    public static final String MARKER = "storage-engine";

    private final Path engineDir;
    private final FileChannel channel;
    private final FileLock lock;

    private StorageDirectory(Path engineDir, FileChannel channel, FileLock lock) {
        this.engineDir = engineDir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} for {@code engine}, writing the marker on first use.
     *
     * @param dataDir the node's data dir, {@code <base-dir>/<node-name>}
     * @param engine  the engine's id, {@code "lmdb"} or {@code "rocksdb"}
     * @throws StorageException {@link StorageException.Kind#LOCKED}, {@link StorageException.Kind#WRONG_ENGINE}
     *                          or {@link StorageException.Kind#IO}
     */
    public static StorageDirectory open(Path dataDir, String engine) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(engine, "engine");
        Path marker = dataDir.resolve(MARKER);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = lock(channel, dataDir);
            String found = read(channel);
            if (found.isEmpty()) {
                channel.write(ByteBuffer.wrap((engine + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(true);
            } else if (!found.equals(engine)) {
                throw new StorageException(StorageException.Kind.WRONG_ENGINE, dataDir + " holds data of storage engine \"" + found
                        + "\" (see " + marker + "), but storage.engine = \"" + engine + "\". Set storage.engine = \"" + found
                        + "\", or use another base-dir or node-name: switching engines does not migrate data.");
            }
            Path engineDir = Files.createDirectories(dataDir.resolve(engine));
            syncDirectory(dataDir);
            return new StorageDirectory(engineDir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException(StorageException.Kind.IO, "cannot prepare the data dir " + dataDir + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** {@code <data-dir>/<engine>/}, created. */
    public Path engineDir() {
        return engineDir;
    }

    /** Releases the lock. Idempotent. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new StorageException(StorageException.Kind.IO, "cannot release the lock on " + engineDir.getParent() + ": " + e, e);
        }
    }

    /** Forces a directory's entries (new files, renames) to stable storage. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static FileLock lock(FileChannel channel, Path dataDir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new StorageException(StorageException.Kind.LOCKED, "the data dir " + dataDir
                    + " is already open in this process; a store must be closed before it is opened again.", e);
        }
        if (lock == null) {
            throw new StorageException(StorageException.Kind.LOCKED, "the data dir " + dataDir + " is in use by another process"
                    + " (it holds the lock on " + dataDir.resolve(MARKER) + "). Stop that server, or give this one another base-dir or node-name.");
        }
        return lock;
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64);
        channel.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing with a better error
            }
        }
    }
}
