package lib.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.Repos;
import support.Snapshot;

class LargeFilesTest extends FixtureTest {
    Path ws;
    Path remote;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data);
        Files.write(ws.resolve("dataset.bin"), data);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; csv.length() < (3 << 19); i++) {
            csv.append(i).append(",row ").append(i * 7919L % 1000).append(",text\n");
        }
        Files.writeString(ws.resolve("dataset.csv"), csv); // a large file that is text
        remote = fx.useVaultRemote();
    }

    @Test
    void aLargeFileTravelsBesideTheBundleAndIsStoredOnce() throws Exception {
        Fixture.Result first = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, first.code(), first.all());
        Path session = fx.vault().resolve("sessions").resolve(first.sessionId());
        try (var files = Files.list(lib.session.SessionFolder.at(session).largeFilesDir())) {
            assertEquals(2, files.count());
        }
        assertTrue(Files.size(session.resolve("workspace.bundle")) < (1 << 20), "the bundle no longer carries them");

        long before = Repos.bytesIn(remote);
        Fixture.Result second = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, second.code(), second.all());
        long added = Repos.bytesIn(remote) - before;
        assertTrue(added < (1 << 20), "a re-save adds " + added + " bytes, not the large files again");
    }

    @Test
    void resumeElsewhereRebuildsTheLargeFileByteForByte() throws Exception {
        assertEquals(0, fx.run(ws, "save", "--no-wip-push").code());
        // the latest session is a re-save: its large files are the ones the vault holds already
        assertEquals(0, fx.run(ws, "save", "--no-wip-push").code());
        Snapshot saved = Snapshot.of(ws, Set.of("build", "debug.log", ".env"));
        lib.base.FileUtil.deleteTree(ws);
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", remote.toString());
            Path target = other.dir("t");
            Fixture.Result r = other.run(target, "resume", "latest", "--no-launch");
            assertEquals(0, r.code(), r.all());
            assertEquals(saved, Snapshot.of(target, Set.of()));
            // binary (stored as it is) and text (deflated) alike read back whole from the new clone
            try (var repo = org.eclipse.jgit.api.Git.open(target.toFile()).getRepository()) {
                for (String name : java.util.List.of("dataset.bin", "dataset.csv")) {
                    byte[] bytes = Files.readAllBytes(target.resolve(name));
                    var id = new org.eclipse.jgit.lib.ObjectInserter.Formatter().idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, bytes);
                    assertTrue(java.util.Arrays.equals(bytes, repo.open(id).getBytes(Integer.MAX_VALUE)), name);
                }
            }
        }
    }

    @Test
    void aDamagedLargeFileIsReportedNotRestoredWrong() throws Exception {
        Fixture.Result first = fx.run(ws, "save", "--no-wip-push");
        Path session = fx.vault().resolve("sessions").resolve(first.sessionId());
        try (var files = Files.list(lib.session.SessionFolder.at(session).largeFilesDir())) {
            Files.writeString(files.findFirst().orElseThrow(), "corrupted");
        }
        Path target = fx.dir("t");
        Fixture.Result r = fx.run(target, "resume", "latest", "--no-launch", "--workspace", target.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("is damaged (its content does not match its name)"), r.err());
        // A name that is no blob id at all (the large files' commit is made from the names).
        try (var files = Files.list(lib.session.SessionFolder.at(session).largeFilesDir())) {
            Path f = files.findFirst().orElseThrow();
            Files.move(f, f.resolveSibling("not-an-id"));
        }
        Path again = fx.dir("t2");
        Fixture.Result named = fx.run(again, "resume", "latest", "--no-launch", "--workspace", again.toString());
        assertEquals(1, named.code(), named.all());
        assertTrue(named.err().contains("not-an-id is damaged"), named.err());
    }
}
