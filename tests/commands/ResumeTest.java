package commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import lib.agent.claude.ClaudeCode;
import lib.base.Json;
import lib.base.FileUtil;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.Repos;
import support.Snapshot;
import support.Transcripts;

class ResumeTest extends FixtureTest {
    static final String AGENT = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    static final Set<String> NOT_SAVED = Set.of("build", "debug.log", ".env");
    Path ws;
    Path vaultRemote;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        Path t = Transcripts.write(fx.claude(), ws, AGENT, "build the thing", "and test it");
        Path sub = t.resolveSibling(AGENT).resolve("subagents");
        Files.createDirectories(sub);
        Files.write(sub.resolve("agent-a1.jsonl"), Transcripts.lines(AGENT, ws, "sub-agent task"));
        vaultRemote = fx.useVaultRemote();
    }

    private String save() {
        Fixture.Result r = fx.run(ws, "save", "-m", "feature work", "--session", AGENT, "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        return SaveTest.sessionId(r.out());
    }

    /** A save, then the latest session resumed into a new folder on another machine, the workspace gone: exit 0. */
    private Elsewhere savedThenResumedOn(Fixture other) throws Exception {
        String id = save();
        Snapshot saved = Snapshot.of(ws, NOT_SAVED);
        FileUtil.deleteTree(ws); // the laptop is elsewhere now
        other.set("CONTINUUM_REPO_URL", vaultRemote.toString());
        Path dir = other.dir("checkout");
        Fixture.Result r = other.run(dir, "resume", "latest", "--no-launch");
        assertEquals(0, r.code(), r.all());
        return new Elsewhere(id, saved, dir, r);
    }

    private record Elsewhere(String id, Snapshot saved, Path dir, Fixture.Result result) {
    }

    @Test
    void roundTripToAnotherHomeRebuildsEverythingByteForByte() throws Exception {
        try (Fixture other = new Fixture()) {
            Elsewhere e = savedThenResumedOn(other);
            String id = e.id();
            Snapshot saved = e.saved();
            Path empty = e.dir();
            assertEquals(List.of(
                    "  … Fetching your vault from " + vaultRemote,
                    "🔄 Restoring session: feature work",
                    "  ✓ Vault synced from " + vaultRemote,
                    "  … Fetching session " + id + " from " + vaultRemote,
                    "  ✓ Workspace: " + empty + " (cloned from " + fx.root.resolve("origin.git").toUri() + ")",
                    "  ✓ Branch: main at " + saved.head().substring(0, 7),
                    "  ✓ Changes restored: 4 changed, 4 untracked (index staged as it was)",
                    "  ⚠ Left out when saved, so not restored: .env",
                    "  ✓ Conversation: " + other.claude().resolve("projects").resolve(ClaudeCode.encode(empty)).resolve(AGENT + ".jsonl"),
                    "",
                    "Continue with:",
                    "  cd " + empty + " && claude --resume " + AGENT), e.result().out().lines().toList());
            assertEquals(saved, Snapshot.of(empty, NOT_SAVED));

            Path placed = other.claude().resolve("projects").resolve(ClaudeCode.encode(empty)).resolve(AGENT + ".jsonl");
            for (String line : Files.readAllLines(placed)) {
                JsonNode n = Json.COMPACT.readTree(line);
                if (n.has("cwd")) {
                    assertEquals(empty.toString(), n.path("cwd").asText());
                }
            }
            assertTrue(Files.isRegularFile(placed.resolveSibling(AGENT).resolve("subagents/agent-a1.jsonl")));
        }
    }

    @Test
    void aProjectWithGitattributesRoundTripsThroughJGitsOwnCheckout() throws Exception {
        try (Git git = Git.open(ws.toFile())) {
            Repos.write(ws, ".gitattributes", "*.txt text eol=lf\n*.bin binary\n");
            git.add().addFilepattern(".gitattributes").call();
        }
        try (Fixture other = new Fixture()) {
            Elsewhere e = savedThenResumedOn(other);
            assertEquals(e.saved(), Snapshot.of(e.dir(), NOT_SAVED));
        }
    }

    @Test
    void resumeIntoTheOriginalWorkspaceAfterItWasReset() throws Exception {
        save();
        Snapshot saved = Snapshot.of(ws, NOT_SAVED);
        try (Git git = Git.open(ws.toFile())) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef("origin/main").call();
            git.clean().setCleanDirectories(true).call();
        }
        Fixture.Result r = fx.run(ws, "resume", "latest", "--no-launch");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Workspace: " + ws + " (current folder)"), r.out());
        assertEquals(saved, Snapshot.of(ws, NOT_SAVED));
    }

    @Test
    void resumingWhereNothingChangedIsANoOp() throws Exception {
        save();
        var before = Repos.fingerprint(ws);
        Fixture.Result r = fx.run(ws, "resume", "latest", "--no-launch");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Changes: the workspace already matches the snapshot"), r.out());
        assertEquals(before, Repos.fingerprint(ws));
    }

    @Test
    void dirtyTargetIsRefusedAndForceSavesItFirst() throws Exception {
        save();
        try (Git git = Git.open(ws.toFile())) {
            git.reset().setMode(ResetCommand.ResetType.HARD).call();
            git.clean().setCleanDirectories(true).call();
        }
        Repos.write(ws, "README.md", "# something else entirely\n");
        Fixture.Result refused = fx.run(ws, "resume", "latest", "--no-launch");
        assertEquals(1, refused.code());
        assertTrue(refused.err().startsWith("continuum: the workspace " + ws + " has uncommitted changes"), refused.err());
        assertEquals("# something else entirely\n", Files.readString(ws.resolve("README.md")));

        Fixture.Result forced = fx.run(ws, "resume", "1", "--no-launch", "--force");
        assertEquals(0, forced.code(), forced.all());
        assertTrue(forced.out().contains("  ✓ Saved the workspace's current changes as session-"), forced.out());
        assertEquals("# demo\n\nedited, not staged\n", Files.readString(ws.resolve("README.md")));
        Fixture.Result list = fx.run(ws, "list");
        assertTrue(list.out().contains("Safety snapshot before resuming"), list.out());
    }

    @Test
    void aBranchWithNewerCommitsIsNeverMoved() throws Exception {
        String id = save();
        String newer;
        try (Git git = Git.open(ws.toFile())) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef("origin/main").call();
            git.clean().setCleanDirectories(true).call();
            Repos.write(ws, "later.txt", "work done after the save\n");
            newer = Repos.commit(git, "newer work").name();
        }
        Fixture.Result r = fx.run(ws, "resume", "latest", "--no-launch");
        assertEquals(0, r.code(), r.all());
        String restored = "main-restored-" + id.substring(id.length() - 8);
        assertTrue(r.out().contains("  ⚠ Branch main has newer commits here; restored onto " + restored), r.out());
        try (Git git = Git.open(ws.toFile())) {
            assertEquals(newer, git.getRepository().resolve("refs/heads/main").name());
            assertEquals(restored, git.getRepository().getBranch());
        }
    }

    @Test
    void withoutATerminalAndWithoutAnIdItSaysHowInsteadOfWaiting() {
        save();
        Fixture.Result r = fx.run(ws, "resume");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("use 'ccc latest', 'ccc <id>' or 'ccc <N>'"), r.err());
    }

    @Test
    void pickerAsksAgainOnBadInputThenRestoresTheChosenSession() throws Exception {
        save();
        fx.set("NO_COLOR", "1");
        Fixture.Result r = fx.runAtTerminal(ws, "7\nabc\n1\n", "resume", "--no-launch");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  1. [just now] feature work\n     testhost · main · " + ws.toRealPath()), r.out());
        assertTrue(r.out().contains("  [n] New session\n  [q] Quit\n"), r.out());
        assertEquals(2, r.out().split("Please type a number from 1 to 1, n or q.", -1).length - 1, r.out());
        assertTrue(r.out().contains("🔄 Restoring session: feature work"), r.out());
    }

    @Test
    void pickerQuitRestoresNothing() {
        save();
        Fixture.Result r = fx.runAtTerminal(ws, "q\n", "resume");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().endsWith("Nothing restored.\n"), r.out());
        assertFalse(r.out().contains("Restoring"));
    }

    @Test
    void startsClaudeWithTheSessionIdInTheRestoredWorkspace() throws Exception {
        save();
        Path bin = fx.dir("bin");
        Path record = fx.root.resolve("claude-called.txt");
        Files.writeString(bin.resolve("claude"), "#!/bin/sh\necho \"$PWD|$*\" > '" + record + "'\n");
        Files.setPosixFilePermissions(bin.resolve("claude"), PosixFilePermissions.fromString("rwxr-xr-x"));
        fx.set("PATH", bin + ":" + System.getenv("PATH"));
        Fixture.Result r = fx.run(ws, "resume", "latest");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ Starting: claude --resume " + AGENT), r.out());
        assertEquals(ws.toRealPath() + "|--resume " + AGENT, Files.readString(record).strip());
    }

    @Test
    void unknownIdIsOneLine() {
        save();
        Fixture.Result r = fx.run(ws, "resume", "session-19990101", "--no-launch");
        assertEquals(1, r.code());
        assertEquals("continuum: no session matches 'session-19990101' (see 'continuum list')\n", r.err());
    }

    @Test
    void sessionWrittenByTheOriginalToolIsRestoredFromItsPatch() throws Exception {
        save(); // makes the vault
        try (Git git = Git.open(ws.toFile())) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef("origin/main").call();
            git.clean().setCleanDirectories(true).call();
        }
        Path dir = Files.createDirectories(fx.vault().resolve("sessions/session-20990101-120000-abcdef01"));
        Files.writeString(dir.resolve("metadata.json"), "{\"session_id\": \"session-20990101-120000-abcdef01\", "
                + "\"timestamp\": \"2099-01-01T12:00:00.123456\", \"description\": \"old tool\", \"workspace_path\": \"" + ws
                + "\", \"hostname\": \"box\", \"kernel_version\": \"5.15\", \"git\": {\"is_repo\": true, \"branch\": \"main\", "
                + "\"has_uncommitted\": true, \"has_unpushed\": false}}");
        Files.writeString(dir.resolve("snapshot.patch"), "diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n"
                + "@@ -1 +1,2 @@\n # demo\n+from the old tool\n");
        Fixture.Result r = fx.run(ws, "resume", "session-2099", "--no-launch");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ⚠ This session has no bundle (saved by the original tool): applying snapshot.patch"), r.out());
        assertEquals("# demo\nfrom the old tool\n", Files.readString(ws.resolve("README.md")));
    }

    @Test
    void forceKeepsEveryFileItClearsEvenThoseTheVaultMayNotCarry() throws Exception {
        save();
        String key = "AKIA" + "K".repeat(16);
        Repos.write(ws, "README.md", "# mine, with " + key + "\n");
        Repos.write(ws, ".env", "SECRET=local only\n");
        try (java.io.RandomAccessFile big = new java.io.RandomAccessFile(ws.resolve("big.dat").toFile(), "rw")) {
            big.setLength(60L << 20);
            big.write("the end".getBytes());
        }
        Fixture.Result r = fx.run(ws, "resume", "latest", "--no-launch", "--force");
        assertEquals(0, r.code(), r.all());
        Path kept;
        try (var dirs = Files.list(ws.resolve(".git/continuum-kept"))) {
            kept = dirs.findFirst().orElseThrow();
        }
        assertTrue(r.out().contains("Kept a copy of the "), r.out());
        assertEquals("# mine, with " + key + "\n", Files.readString(kept.resolve("README.md")));
        assertEquals("SECRET=local only\n", Files.readString(kept.resolve(".env")));
        assertEquals(60L << 20, Files.size(kept.resolve("big.dat")));
        assertEquals("# demo\n\nedited, not staged\n", Files.readString(ws.resolve("README.md")), "the session is restored");
    }

    @Test
    void anIgnoredFileInTheWayIsKeptNotOverwritten() throws Exception {
        save();
        try (Git git = Git.open(ws.toFile())) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef("origin/main").call();
            git.clean().setCleanDirectories(true).call();
        }
        Repos.write(ws, ".git/info/exclude", "notes/\n");
        Repos.write(ws, "notes/todo with space é.txt", "my own notes, never committed\n");
        Fixture.Result r = fx.run(ws, "resume", "latest", "--no-launch");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ⚠ Kept 1 file(s) git does not track that the session replaces, in "), r.out());
        assertEquals("untracked text\n", Files.readString(ws.resolve("notes/todo with space é.txt")));
        try (var dirs = Files.list(ws.resolve(".git/continuum-kept"))) {
            Path kept = dirs.findFirst().orElseThrow();
            assertEquals("my own notes, never committed\n", Files.readString(kept.resolve("notes/todo with space é.txt")));
        }
    }

    @Test
    void theBranchTracksItsUpstreamAgain() throws Exception {
        save();
        FileUtil.deleteTree(ws);
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", vaultRemote.toString());
            Path target = other.dir("checkout");
            assertEquals(0, other.run(target, "resume", "latest", "--no-launch").code());
            try (Git g = Git.open(target.toFile())) {
                var cfg = g.getRepository().getConfig();
                assertEquals("origin", cfg.getString("branch", "main", "remote"));
                assertEquals("refs/heads/main", cfg.getString("branch", "main", "merge"));
            }
        }
    }

    @Test
    void resumingTwiceKeepsNoBackupOfAnIdenticalConversation() throws Exception {
        save();
        assertEquals(0, fx.run(ws, "resume", "latest", "--no-launch").code());
        assertEquals(0, fx.run(ws, "resume", "latest", "--no-launch").code());
        Path project = fx.claude().resolve("projects").resolve(ClaudeCode.encode(ws));
        try (var files = Files.list(project)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().contains("before-restore")).count());
        }
        Files.writeString(project.resolve(AGENT + ".jsonl"), "{\"type\":\"user\",\"later\":true}\n",
                java.nio.file.StandardOpenOption.APPEND); // the conversation went on here
        Fixture.Result r = fx.run(ws, "resume", "latest", "--no-launch");
        assertTrue(r.out().contains("  ⚠ Kept the conversation that was already here as " + AGENT + ".jsonl.before-restore-"), r.out());
    }

    @Test
    void anOriginWhoseHeadNamesNoBranchIsClonedAllTheSame() throws Exception {
        resumesElsewhereFromAnOriginWhoseHeadNamesNoBranch("main");
    }

    @Test
    void anOriginWhoseHeadNamesNoBranchIsClonedFromABranchItHasWhenTheSessionsBranchIsOnlyLocal() throws Exception {
        try (Git git = Git.open(ws.toFile())) {
            git.checkout().setCreateBranch(true).setName("spike").call(); // never pushed
        }
        resumesElsewhereFromAnOriginWhoseHeadNamesNoBranch("spike");
    }

    /**
     * Saves on branch, then resumes on another machine from a bare origin made with another default
     * branch and pushed only main: its HEAD names nothing, and git clones it all the same (with a
     * warning and no checkout).
     */
    private void resumesElsewhereFromAnOriginWhoseHeadNamesNoBranch(String branch) throws Exception {
        Files.writeString(fx.root.resolve("origin.git/HEAD"), "ref: refs/heads/trunk\n");
        try (Fixture other = new Fixture()) {
            Elsewhere e = savedThenResumedOn(other);
            assertTrue(e.result().out().contains("  ✓ Branch: " + branch + " at " + e.saved().head().substring(0, 7)),
                    e.result().out());
            assertEquals(e.saved(), Snapshot.of(e.dir(), NOT_SAVED)); // the branch, its files and index
        }
    }

    @Test
    void anOriginThatIsAPlainPathIsClonedAsGitDoesByLinkingItsFiles() throws Exception {
        Path origin = fx.root.resolve("origin.git");
        clonedByLinkingTheFilesOf(origin, origin.toString()); // as `git remote add origin /path` leaves it
    }

    @Test
    void anOriginThatIsAFileUrlIsClonedByLinkingItsFilesToo() throws Exception {
        Path origin = fx.root.resolve("origin.git");
        clonedByLinkingTheFilesOf(origin, "file://" + origin);
    }

    private void clonedByLinkingTheFilesOf(Path origin, String url) throws Exception {
        Repos.setOrigin(ws, url);
        try (Fixture other = new Fixture()) {
            Elsewhere e = savedThenResumedOn(other);
            Path empty = e.dir();
            assertTrue(e.result().out().contains("  ✓ Workspace: " + empty + " (cloned from " + url + ")"), e.result().out());
            assertEquals(e.saved(), Snapshot.of(empty, NOT_SAVED));
            try (var packs = Files.list(origin.resolve("objects/pack"))) {
                for (Path p : packs.toList()) {
                    assertEquals(Files.readAttributes(p, BasicFileAttributes.class).fileKey(), Files.readAttributes(
                            empty.resolve(".git/objects/pack").resolve(p.getFileName()), BasicFileAttributes.class).fileKey(),
                            "the origin's pack, not a copy of it: " + p);
                }
            }
            try (Git git = Git.open(empty.toFile())) {
                assertEquals(url, git.getRepository().getConfig().getString("remote", "origin", "url"));
                git.fetch().call(); // the clone fetches from its origin as any other
            }
        }
    }

    @Test
    void aCloneThatFailsSaysSoOnOneLineAndLeavesNoHalfPlacedConversation() throws Exception {
        save();
        FileUtil.deleteTree(ws); // another machine, where the project's remote is gone too
        FileUtil.deleteTree(fx.root.resolve("origin.git"));
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", vaultRemote.toString());
            Path empty = other.dir("checkout");
            Fixture.Result r = other.run(empty, "resume", "latest", "--no-launch");
            assertEquals(1, r.code(), r.all());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("continuum: cannot clone "), r.err());
            assertFalse(Files.exists(empty.resolve(".git")), "no half clone is left");
            // The conversation went in beside the clone: whole, and said so, or not at all.
            Path project = other.claude().resolve("projects").resolve(ClaudeCode.encode(empty));
            Path placed = project.resolve(AGENT + ".jsonl");
            assertEquals(Files.exists(placed), r.out().contains("  ✓ Conversation: " + placed), r.out());
            if (Files.isDirectory(project)) {
                try (var files = Files.list(project)) {
                    assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
                }
            }
        }
    }
}
