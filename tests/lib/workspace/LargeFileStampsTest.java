package lib.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import lib.secrets.RuleSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;

class LargeFileStampsTest extends FixtureTest {
    Path ws;
    byte[] model;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        model = new byte[2 << 20];
        new Random(11).nextBytes(model);
        Files.write(ws.resolve("model.bin"), model);
    }

    /** Stamps are kept only for files that settled before the save began. */
    private static void settle() throws InterruptedException {
        Thread.sleep(LargeFileStamps.SETTLED.toMillis() + 300);
    }

    private Path stampsFile() throws Exception {
        try (var files = Files.list(fx.vault().resolve(".git/continuum-stamps"))) {
            return files.findFirst().orElseThrow();
        }
    }

    private static ObjectId blobId(byte[] bytes) {
        return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes);
    }

    @Test
    void aLargeFileRewrittenWithItsOldTimeIsStillSavedAnew() throws Exception {
        settle();
        assertEquals(0, fx.run(ws, "save", "--no-wip-push").code());
        assertTrue(Files.readString(stampsFile()).contains("model.bin"), "the save stamped the settled file");

        // Same size, other bytes, and the old modification time put back (as `touch -r` or an
        // unpacked archive would): only its change time and inode tell.
        FileTime old = Files.getLastModifiedTime(ws.resolve("model.bin"));
        byte[] changed = model.clone();
        changed[12345] ^= 0x5a;
        Path tmp = ws.resolve("model.bin.new");
        Files.write(tmp, changed);
        Files.move(tmp, ws.resolve("model.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(ws.resolve("model.bin"), old);

        Fixture.Result second = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, second.code(), second.all());
        Path target = fx.dir("t");
        Fixture.Result r = fx.run(target, "resume", second.sessionId(), "--no-launch", "--workspace", target.toString());
        assertEquals(0, r.code(), r.all());
        assertArrayEquals(changed, Files.readAllBytes(target.resolve("model.bin")));
    }

    @Test
    void aReSaveTakesAnUnchangedLargeFileFromItsStampWithoutReadingIt() throws Exception {
        settle();
        assertEquals(0, fx.run(ws, "save", "--no-wip-push").code());
        // Point the stamp at another blob the vault holds: a re-save that read the file would
        // store its real id; one that trusts the stamp names the other blob.
        byte[] other = "some other content\n".repeat(1000).getBytes();
        ObjectId otherId;
        try (var vault = org.eclipse.jgit.api.Git.open(fx.vault().toFile()); var ins = vault.getRepository().newObjectInserter()) {
            otherId = ins.insert(Constants.OBJ_BLOB, other);
            ins.flush();
        }
        Path stamps = stampsFile();
        Files.writeString(stamps, Files.readString(stamps).replace(blobId(model).name(), otherId.name()));

        Fixture.Result second = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, second.code(), second.all());
        Path files = lib.session.SessionFolder.at(fx.vault().resolve("sessions").resolve(second.sessionId())).largeFilesDir();
        assertArrayEquals(other, Files.readAllBytes(files.resolve(otherId.name())));
        assertTrue(Files.notExists(files.resolve(blobId(model).name())));

        // A stamp naming a blob the vault does not hold (its save never committed) is passed over.
        String missing = "0123456789abcdef0123456789abcdef01234567";
        Files.writeString(stamps, Files.readString(stamps).replace(otherId.name(), missing));
        Fixture.Result third = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, third.code(), third.all());
        files = lib.session.SessionFolder.at(fx.vault().resolve("sessions").resolve(third.sessionId())).largeFilesDir();
        assertArrayEquals(model, Files.readAllBytes(files.resolve(blobId(model).name())));
    }

    @Test
    void aStampHoldsOnlyForASettledFileUnderTheSameRules() throws Exception {
        Path file = ws.resolve("model.bin");
        Path kept = fx.dir("stamps").resolve("ws.json");
        Path objects = fx.dir("objects");
        ObjectId id = blobId(model);

        LargeFileStamps fresh = LargeFileStamps.load(kept, RuleSet.builtIn(), objects);
        fresh.saw("model.bin", file, model.length, id);
        fresh.store();
        assertNull(LargeFileStamps.load(kept, RuleSet.builtIn(), objects).idOf("model.bin", file, model.length),
                "written a moment ago: a write in the same tick would go unseen");

        settle();
        LargeFileStamps first = LargeFileStamps.load(kept, RuleSet.builtIn(), objects);
        first.saw("model.bin", file, model.length, id);
        first.store();
        LargeFileStamps next = LargeFileStamps.load(kept, RuleSet.builtIn(), objects);
        assertEquals(id, next.idOf("model.bin", file, model.length));
        assertNull(next.idOf("model.bin", file, model.length + 1), "another size");
        assertNull(next.idOf("other.bin", file, model.length), "another path");

        Path project = fx.dir("p");
        Files.writeString(project.resolve(".gitleaks.toml"),
                "[[rules]]\nid = \"ticket\"\nregex = '''TICKET-[0-9]{6}'''\nkeywords = [\"ticket-\"]\n");
        RuleSet more = lib.secrets.UserRules.load(project, null);
        assertNull(LargeFileStamps.load(kept, more, objects).idOf("model.bin", file, model.length),
                "scanned with other rules");

        Files.writeString(kept, "{ not json");
        assertNull(LargeFileStamps.load(kept, RuleSet.builtIn(), objects).idOf("model.bin", file, model.length));
    }
}
