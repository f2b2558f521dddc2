package commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import lib.base.FileUtil;
import lib.base.Json;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.Repos;
import support.Snapshot;
import support.Transcripts;

/** Every awkward workspace and vault a user can hand us: a clear line, the right exit, nothing lost. */
class BadInputTest extends FixtureTest {
    Path ws;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.root.resolve("ws");
    }

    private Fixture.Result save(String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "save";
        args[1] = "--no-wip-push";
        System.arraycopy(extra, 0, args, 2, extra.length);
        return fx.run(ws, args);
    }

    private com.fasterxml.jackson.databind.JsonNode meta(Fixture.Result r) throws Exception {
        String id = SaveTest.sessionId(r.out());
        return Json.COMPACT.readTree(fx.vault().resolve("sessions").resolve(id).resolve("metadata.json").toFile());
    }

    @Test
    void repositoryWithNoCommits() throws Exception {
        Repos.init(ws).close();
        Repos.write(ws, "new.txt", "first file\n");
        Fixture.Result r = save();
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Captured git state: main (no commits yet)\n"), r.out());
        assertTrue(meta(r).path("git").path("head").isNull());
    }

    @Test
    void detachedHead() throws Exception {
        ObjectId first = Repos.detachedAtFirstOfTwo(ws);
        Fixture.Result r = save();
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Captured git state: HEAD (detached at " + first.name().substring(0, 7) + ")\n"), r.out());
        assertTrue(meta(r).path("git").path("detached").asBoolean());
    }

    @Test
    void aDetachedSessionResumesDetachedAtItsCommit() throws Exception {
        ObjectId first = Repos.detachedAtFirstOfTwo(ws);
        Repos.write(ws, "wip.txt", "detached work\n");
        assertEquals(0, save().code());
        Snapshot saved = Snapshot.of(ws, Set.of());
        Path target = fx.dir("restored");
        FileUtil.deleteTree(ws);
        Fixture.Result r = fx.run(target, "resume", "latest", "--no-launch", "--workspace", target.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Branch: detached HEAD at " + first.name().substring(0, 7)), r.out());
        assertEquals(saved, Snapshot.of(target, Set.of()));
    }

    @Test
    void aSessionFromARepositoryWithNoCommitsResumesIntoANewOne() throws Exception {
        Repos.init(ws).close();
        Repos.write(ws, "first.txt", "first words\n");
        try (Git git = Git.open(ws.toFile())) {
            git.add().addFilepattern("first.txt").call();
        }
        Repos.write(ws, "notes.txt", "not staged\n");
        assertEquals(0, save().code());
        Snapshot saved = Snapshot.of(ws, Set.of());
        FileUtil.deleteTree(ws);
        Path target = fx.dir("restored");
        Fixture.Result r = fx.run(target, "resume", "latest", "--no-launch");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("(no commits yet)"), r.out());
        assertEquals(saved, Snapshot.of(target, Set.of()));
    }

    @Test
    void bareRepositoryIsSavedAsAPlainFolderWithAWarning() throws Exception {
        Repos.bare(ws);
        Transcripts.write(fx.claude(), ws, "eeeeeeee-0000-4000-8000-000000000001", "working in a bare repo");
        Fixture.Result r = save();
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("is inside a bare repository: there is no work tree to save"), r.out());
        assertTrue(r.out().contains("  ✓ Captured git state: N/A\n"), r.out());
    }

    @Test
    void midMergeIsRecordedAndTheConflictedFilesSaved() throws Exception {
        try (Git git = Repos.init(ws)) {
            Repos.write(ws, "f.txt", "base\n");
            Repos.commit(git, "base");
            git.branchCreate().setName("other").call();
            Repos.write(ws, "f.txt", "ours\n");
            Repos.commit(git, "ours");
            git.checkout().setName("other").call();
            Repos.write(ws, "f.txt", "theirs\n");
            Repos.commit(git, "theirs");
            git.checkout().setName("main").call();
            MergeResult m = git.merge().include(git.getRepository().resolve("other")).call();
            assertEquals(MergeResult.MergeStatus.CONFLICTING, m.getMergeStatus());
            var before = Repos.fingerprint(ws);
            Fixture.Result r = save();
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().contains("  ⚠ The repository is in the middle of merging; conflicted files are saved"), r.out());
            assertEquals("MERGING", meta(r).path("git").path("state").asText());
            assertEquals(before, Repos.fingerprint(ws));
        }
    }

    @Test
    void awkwardNamesSymlinkLoopsAndHugeFilesRoundTrip() throws Exception {
        Path origin = fx.root.resolve("origin.git");
        Repos.bare(origin);
        try (Git git = Repos.init(ws)) {
            Repos.write(ws, "a.txt", "1\n");
            Repos.commit(git, "one");
            Repos.write(ws, "with space/naïve – ünï.txt", "unicode\n");
            Repos.write(ws, "line\nbreak.txt", "newline in the name\n");
            Files.createSymbolicLink(ws.resolve("loop-a"), Path.of("loop-b"));
            Files.createSymbolicLink(ws.resolve("loop-b"), Path.of("loop-a"));
            try (RandomAccessFile huge = new RandomAccessFile(ws.resolve("huge.iso").toFile(), "rw")) {
                huge.setLength(2L * 1024 * 1024 * 1024); // sparse: 2 GB on paper
            }
            Fixture.Result r = save();
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().contains("  ⚠ Left out huge.iso: larger than 50 MB\n"), r.out());
            Snapshot saved = Snapshot.of(ws, Set.of("huge.iso"));

            Path target = fx.dir("restored");
            FileUtil.deleteTree(ws);
            Fixture.Result resume = fx.run(target, "resume", "latest", "--no-launch", "--workspace", target.toString());
            assertEquals(0, resume.code(), resume.all());
            assertEquals(saved, Snapshot.of(target, Set.of()));
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
    void aNamedPipeOrSocketInTheWorkspaceIsLeftOutInsteadOfBlocking() throws Exception {
        Repos.init(ws).close();
        Repos.write(ws, "a.txt", "a\n");
        Process mkfifo = new ProcessBuilder("mkfifo", ws.resolve("pipe").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(ws.resolve("agent.sock")));
            Fixture.Result r = save();
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().contains("  ⚠ Left out pipe: not a regular file (pipe, socket or device)\n"), r.out());
            assertTrue(r.out().contains("  ⚠ Left out agent.sock: not a regular file (pipe, socket or device)\n"), r.out());
        }
    }

    @Test
    void aSubmoduleIsSavedAsItsCommitAndRestoredAsAGitlink() throws Exception {
        Path lib = fx.root.resolve("lib-src");
        try (Git l = Repos.init(lib)) {
            Repos.write(lib, "lib.txt", "library\n");
            Repos.commit(l, "lib");
        }
        try (Git git = Repos.init(ws)) {
            Repos.write(ws, "a.txt", "a\n");
            Repos.commit(git, "one");
            git.submoduleAdd().setURI(lib.toUri().toString()).setPath("vendor/lib").call().close();
            Fixture.Result r = save();
            assertEquals(0, r.code(), r.all());
            Snapshot saved = Snapshot.of(ws, Set.of("vendor/lib"));
            Path target = fx.dir("restored");
            Fixture.Result resume = fx.run(target, "resume", "latest", "--no-launch", "--workspace", target.toString());
            assertEquals(0, resume.code(), resume.all());
            assertEquals(saved.index(), Snapshot.of(target, Set.of("vendor/lib")).index(), "the gitlink is staged as it was");
        }
    }

    @Test
    void emptyTranscriptIsAWarning() throws Exception {
        Repos.init(ws).close();
        String id = "eeeeeeee-0000-4000-8000-000000000000";
        Files.writeString(Transcripts.write(fx.claude(), ws, id), "");
        Fixture.Result r = save("--session", id);
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("is empty"), r.out());
    }

    @Test
    void vaultThatIsNotAGitRepositoryIsOneLine() throws Exception {
        Repos.init(ws).close();
        Files.createDirectories(fx.vault());
        Files.writeString(fx.vault().resolve("notes.txt"), "my own files");
        Fixture.Result r = save();
        assertEquals(1, r.code());
        assertEquals("continuum: the vault path " + fx.vault() + " is not a git repository (move it away or set CONTINUUM_HOME)\n", r.err());
        assertEquals("my own files", Files.readString(fx.vault().resolve("notes.txt")));
    }

    @Test
    void corruptVaultIsOneLine() throws Exception {
        Repos.init(ws).close();
        assertEquals(0, save().code());
        FileUtil.deleteTree(fx.vault().resolve(".git/objects"));
        Fixture.Result r = save();
        assertEquals(1, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("continuum: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aVaultUrlGitCannotUseIsRefusedBeforeTheSave() throws Exception {
        Repos.init(ws).close();
        fx.set("CONTINUUM_REPO_URL", "no-such-scheme://nowhere/vault.git");
        Fixture.Result r = save();
        assertEquals(1, r.code(), r.all());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("continuum: CONTINUUM_REPO_URL is not usable: git cannot fetch over 'no-such-scheme://'"), r.err());
    }

    @Test
    void aRelativeWorkspaceIsTakenFromTheCurrentFolder() throws Exception {
        Repos.init(ws).close();
        Repos.write(ws, "a.txt", "a\n");
        Fixture.Result r = fx.run(fx.root, "save", "--no-wip-push", "--workspace", "ws");
        assertEquals(0, r.code(), r.all());
        assertEquals(ws.toRealPath().toString(), meta(r).path("workspace_path").asText());
        assertEquals(2, fx.run(fx.root, "save", "--max-file-size", "0").code());
    }

    @Test
    void aResumeIntoAFolderThatCannotBeMadeIsOneLine() throws Exception {
        Repos.detachedAtFirstOfTwo(ws);
        assertEquals(0, save().code());
        Path file = Files.writeString(fx.root.resolve("a-file"), "not a folder\n");
        Path inside = file.resolve("restored");
        Fixture.Result r = fx.run(fx.root, "resume", "latest", "--no-launch", "--workspace", inside.toString());
        assertEquals(1, r.code(), r.all());
        assertEquals("continuum: cannot make the folder " + inside + " (" + file + " is a file): choose another --workspace\n",
                r.err());
        assertEquals("", r.out(), "found before the vault is read or anything is said");
        assertEquals("not a folder\n", Files.readString(file));
        Fixture.Result onFile = fx.run(fx.root, "resume", "latest", "--no-launch", "--workspace", file.toString());
        assertEquals(1, onFile.code(), onFile.all());
        assertEquals("continuum: " + file + " is a file, not a folder: choose another --workspace\n", onFile.err());
        assertEquals("", onFile.out());
    }

    @Test
    void notAFolderIsOneLine() {
        Fixture.Result r = fx.run(fx.root, "save", "--workspace", fx.root.resolve("missing").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("continuum: workspace "), r.err());
    }
}
