package lib.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A file's stat data as git's index keeps it: size, modification and change times (nanoseconds),
 * inode. The same stat data means the same content, as git assumes; a rewrite, even one that puts
 * the old modification time back, moves the change time or the inode.
 */
public record FileStat(long size, long modified, long changed, long inode) {
    /** The file's stat data; null when it cannot be read or the system has no inode or change time. */
    public static FileStat of(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino", LinkOption.NOFOLLOW_LINKS);
            return new FileStat((Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                    ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS), (Long) a.get("ino"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    /** Whether both times are before t (nanoseconds): a write after t would move one of them. */
    public boolean settledBefore(long t) {
        return modified < t && changed < t;
    }

    /** Same as other, compared field by field (a record's equals is bootstrapped at its first call, ~10 ms). */
    public boolean same(FileStat other) {
        return other != null && size == other.size && modified == other.modified && changed == other.changed
                && inode == other.inode;
    }
}
