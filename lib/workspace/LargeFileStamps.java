package lib.workspace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lib.base.FileUtil;
import lib.base.Json;
import lib.secrets.RuleSet;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What the last save of a workspace learnt about its large changed files (LargeFiles.MIN_BYTES or
 * more, untracked ones above all): each one's blob id, with the stat data the file had when it
 * was read — size, modification and change times, inode. A re-save trusts that stat data the way
 * git trusts its index: a file whose stat data is the same is neither read, scanned for secrets nor
 * hashed again, and its id comes from here, provided the blob is where the save can read it (the
 * vault, after the save that stored it). The same untracked assets saved night after night then
 * cost a stat each instead of ~16 ms a MB.
 *
 * A file changed within a couple of seconds before a save is not stamped: a later write in the
 * same tick of the file system's clock would leave its times as they were. A stamp holds only for
 * the rules that scanned the file (their fingerprint). Kept beside the vault, for this machine
 * only; a stamps file that cannot be read or written costs speed, never a save.
 */
public final class LargeFileStamps {
    /** No stamps: every changed file is read. */
    public static final LargeFileStamps NONE = new LargeFileStamps(null, null, null, Map.of(), Instant.MIN);
    /** Coarser than any common file system's clock (FAT keeps times to 2 s). */
    static final Duration SETTLED = Duration.ofSeconds(3);

    /** A file's stat data when it was read, and its blob id. */
    record Stamp(String path, long size, long modified, long changed, long inode, String id) {
        boolean sameFile(Stamp o) {
            return size == o.size && modified == o.modified && changed == o.changed && inode == o.inode;
        }
    }

    private final Path file;
    private final String rules;
    private final Path objects;
    private final Map<String, Stamp> known;
    private final Map<String, Stamp> seen = new HashMap<>();
    private final Instant settledBefore;

    private LargeFileStamps(Path file, String rules, Path objects, Map<String, Stamp> known, Instant settledBefore) {
        this.file = file;
        this.rules = rules;
        this.objects = objects;
        this.known = known;
        this.settledBefore = settledBefore;
    }

    /**
     * The stamps kept in file, for a save scanning with rules whose blobs are read from the object
     * folder objects (the vault's). Stamps of other rules, or a file that cannot be read, count as none.
     */
    public static LargeFileStamps load(Path file, RuleSet rules, Path objects) {
        Map<String, Stamp> known = new HashMap<>();
        try {
            JsonNode stored = Files.isRegularFile(file) ? Json.COMPACT.readTree(file.toFile()) : null;
            if (stored != null && rules.fingerprint().equals(stored.path("rules").asText())) {
                for (JsonNode f : stored.path("files")) {
                    Stamp s = new Stamp(f.path("path").asText(), f.path("size").asLong(-1), f.path("modified").asLong(),
                            f.path("changed").asLong(), f.path("inode").asLong(), f.path("id").asText());
                    if (!s.path().isEmpty() && ObjectId.isId(s.id())) {
                        known.put(s.path(), s);
                    }
                }
            }
        } catch (IOException e) {
            known.clear(); // damaged: the files are read again, and the next save writes it anew
        }
        return new LargeFileStamps(file, rules.fingerprint(), objects, known, Instant.now().minus(SETTLED));
    }

    /** Where the stamped blobs can be read (the vault's objects); null for NONE. */
    Path objects() {
        return objects;
    }

    /** The blob id stamped for path when the file at onDisk still has the stat data it had then; else null. */
    ObjectId idOf(String path, Path onDisk, long size) {
        Stamp s = known.get(path);
        if (s == null || s.size() != size) {
            return null;
        }
        Stamp now = stat(path, onDisk, size, s.id());
        return now != null && now.sameFile(s) ? ObjectId.fromString(s.id()) : null;
    }

    /** This save stored the file at onDisk as blob id: stamped unless it changed too recently to tell. */
    void saw(String path, Path onDisk, long size, ObjectId id) {
        if (file == null) {
            return;
        }
        Stamp s = stat(path, onDisk, size, id.name());
        if (s != null && s.modified() < nanos(settledBefore) && s.changed() < nanos(settledBefore)) {
            seen.put(path, s);
        }
    }

    /** Keeps the stamps of this save's large files, and only those, for the next save. */
    void store() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JsonGenerator g = Json.FACTORY.createGenerator(bytes)) {
                g.writeStartObject();
                g.writeStringField("rules", rules);
                g.writeArrayFieldStart("files");
                for (Stamp s : seen.values()) {
                    g.writeStartObject();
                    g.writeStringField("path", s.path());
                    g.writeNumberField("size", s.size());
                    g.writeNumberField("modified", s.modified());
                    g.writeNumberField("changed", s.changed());
                    g.writeNumberField("inode", s.inode());
                    g.writeStringField("id", s.id());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            FileUtil.writeAtomically(file, bytes.toByteArray());
        } catch (IOException e) {
            // Only speed is lost: the next save reads these files again.
        }
    }

    /** A file's stat data as a stamp; null where the system does not give git's (no inode or change time). */
    private static Stamp stat(String path, Path onDisk, long size, String id) {
        try {
            Map<String, Object> a = Files.readAttributes(onDisk, "unix:size,lastModifiedTime,ctime,ino", LinkOption.NOFOLLOW_LINKS);
            long actualSize = (Long) a.get("size");
            return actualSize != size ? null : new Stamp(path, size, ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                    ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS), (Long) a.get("ino"), id);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    private static long nanos(Instant t) {
        return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
    }
}
