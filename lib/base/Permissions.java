package lib.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Keeps the vault private to its owner on POSIX systems; elsewhere a no-op. */
public final class Permissions {
    private Permissions() {
    }

    public static void privateDir(Path dir) {
        set(dir, "rwx------");
    }

    public static void privateFile(Path file) {
        set(file, "rw-------");
    }

    private static void set(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: nothing to tighten
        }
    }
}
