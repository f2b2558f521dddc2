package lib.vault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import lib.base.UserError;
import lib.term.Console;

/**
 * One save at a time per vault: an OS file lock, which the kernel drops when its holder dies, so
 * a killed save never leaves a stale lock. The in-process lock covers several saves in one JVM,
 * where file locks do not exclude each other. A thread that holds the lock may take it again
 * (a save that pushes and merges). Held until closed.
 */
public final class VaultLock implements AutoCloseable {
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    /** Holds the file lock until closed; null when the thread that holds the lock took it again. */
    private final FileChannel channel;

    private VaultLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Waits up to waitMillis for the lock, saying so once; a UserError when it stays taken. */
    static VaultLock acquire(Path lockFile, Console console, long waitMillis) throws IOException {
        if (IN_PROCESS.isHeldByCurrentThread()) {
            IN_PROCESS.lock();
            return new VaultLock(null);
        }
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.currentTimeMillis() + waitMillis;
        boolean told = false;
        try {
            while (true) {
                FileLock lock = null;
                if (IN_PROCESS.tryLock()) {
                    try {
                        lock = ch.tryLock();
                    } catch (OverlappingFileLockException e) {
                        lock = null;
                    }
                    if (lock == null) {
                        IN_PROCESS.unlock();
                    }
                }
                if (lock != null) {
                    return new VaultLock(ch);
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new UserError("another continuum save is still running on this vault (waited "
                            + waitMillis / 1000 + " s); try again when it has finished");
                }
                if (!told) {
                    console.pending("waiting for another save to finish");
                    told = true;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ch.close();
            throw new UserError("interrupted while waiting for the vault lock");
        } catch (RuntimeException | IOException e) {
            ch.close();
            throw e;
        }
    }

    /** Releases the lock; the outermost holder's release lets another process take it. */
    @Override
    public void close() throws IOException {
        try {
            if (channel != null) {
                channel.close(); // releases the file lock
            }
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
