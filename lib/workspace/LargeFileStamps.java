package lib.workspace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lib.base.FileStat;
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
 * A file changed within SETTLED before a save began is not stamped: a later write in the same
 * tick of the file system's clock would leave its times as they were. A stamp holds only for
 * the rules that scanned the file (their fingerprint). Kept beside the vault, for this machine
 * only; a stamps file that cannot be read or written costs speed, never a save.
 */
public final class LargeFileStamps {
    /** No stamps: every changed file is read. */
    public static final LargeFileStamps NONE = new LargeFileStamps(null, null, null, Map.of(), Long.MIN_VALUE);
    /** Coarser than any common file system's clock (FAT keeps times to 2 s). */
    static final Duration SETTLED = Duration.ofSeconds(3);

    /** A file's stat data when it was read, and its blob id. */
    record Stamp(String path, FileStat stat, String id) {
    }

    private final Path file;
    private final String rules;
    private final Path objects;
    private final Map<String, Stamp> known;
    private final Map<String, Stamp> seen = new HashMap<>();
    private final long settledBefore; // nanoseconds

    private LargeFileStamps(Path file, String rules, Path objects, Map<String, Stamp> known, long settledBefore) {
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
                    Stamp s = new Stamp(f.path("path").asText(), new FileStat(f.path("size").asLong(-1),
                            f.path("modified").asLong(), f.path("changed").asLong(), f.path("inode").asLong()), f.path("id").asText());
                    if (!s.path().isEmpty() && ObjectId.isId(s.id())) {
                        known.put(s.path(), s);
                    }
                }
            }
        } catch (IOException e) {
            known.clear(); // damaged: the files are read again, and the next save writes it anew
        }
        Instant settled = Instant.now().minus(SETTLED);
        return new LargeFileStamps(file, rules.fingerprint(), objects, known,
                TimeUnit.SECONDS.toNanos(settled.getEpochSecond()) + settled.getNano());
    }

    /** Where the stamped blobs can be read (the vault's objects); null for NONE. */
    Path objects() {
        return objects;
    }

    /** The blob id stamped for path when the file at onDisk still has the stat data it had then; else null. */
    ObjectId idOf(String path, Path onDisk, long size) {
        Stamp s = known.get(path);
        if (s == null || s.stat().size() != size) {
            return null;
        }
        return s.stat().same(FileStat.of(onDisk)) ? ObjectId.fromString(s.id()) : null;
    }

    /** This save stored the file at onDisk as blob id: stamped unless it changed too recently to tell. */
    void saw(String path, Path onDisk, long size, ObjectId id) {
        if (file == null) {
            return;
        }
        FileStat stat = FileStat.of(onDisk);
        if (stat != null && stat.size() == size && stat.settledBefore(settledBefore)) {
            seen.put(path, new Stamp(path, stat, id.name()));
        }
    }

    /**
     * Keeps the stamps of this save's large files, and only those, for the next save; nothing is
     * written when they are the ones loaded (a project without large files, or none changed).
     */
    void store() {
        if (file == null || sameAsLoaded()) {
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
                    g.writeNumberField("size", s.stat().size());
                    g.writeNumberField("modified", s.stat().modified());
                    g.writeNumberField("changed", s.stat().changed());
                    g.writeNumberField("inode", s.stat().inode());
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

    /** Whether this save saw exactly the stamps it loaded. */
    private boolean sameAsLoaded() {
        if (seen.size() != known.size()) {
            return false;
        }
        for (Stamp s : seen.values()) {
            Stamp k = known.get(s.path());
            if (k == null || !k.id().equals(s.id()) || !k.stat().same(s.stat())) {
                return false;
            }
        }
        return true;
    }
}
