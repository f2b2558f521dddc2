package lib.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import lib.secrets.Redactor;
import lib.session.SessionFolder;
import lib.session.SessionMetadata.CommittedSecret;
import lib.session.SessionMetadata.GitInfo;
import lib.session.SessionMetadata.LeftOut;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.FixtureTest;
import support.Repos;

class CaptureTest extends FixtureTest {
    Path out;

    @BeforeEach
    void setUp() throws Exception {
        out = fx.dir("staging/session");
    }

    private GitInfo capture(Path ws, CaptureOptions opts) throws Exception {
        try (Workspace w = Workspace.open(ws)) {
            return Capture.capture(w, SessionFolder.at(out), opts, new Redactor());
        }
    }

    /** The snapshot's files as read back from the bundle alone (a history-less bundle needs no clone). */
    private Map<String, String> bundledSnapshot() throws Exception {
        try (Repository tmp = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .setGitDir(fx.dir("check").toFile()).build()) {
            tmp.create(true);
            try (Git g = new Git(tmp)) {
                Repos.fetchBundle(g, out.resolve("workspace.bundle"));
                return Repos.treeFiles(tmp, tmp.resolve("refs/bundle/continuum/snapshot"));
            }
        }
    }

    @Test
    void bundleRebuildsTheExactWorkTreeAndIndexInAFreshClone() throws Exception {
        Path origin = fx.root.resolve("origin.git");
        Path ws = fx.root.resolve("ws");
        try (Git git = Repos.everyKindOfChange(origin, ws)) {
            GitInfo s = capture(ws, CaptureOptions.defaults());
            assertTrue(s.hasUncommitted());
            assertTrue(s.hasUnpushed());
            assertEquals(1, s.unpushedCount());
            assertEquals("main", s.branch());
            assertEquals(4, s.untrackedCount(), "notes/todo…, image.bin, run.sh, link-to-readme (not the left-out .env)");
            assertEquals(4, s.changedCount(), "README.md, both.txt, staged.txt, src/old.txt");
            assertEquals(java.util.List.of(".env"), s.skippedFiles().stream().map(LeftOut::path).toList());

            Path restored = fx.root.resolve("restored");
            try (Git clone = Repos.cloneOf(origin, restored)) {
                Repos.fetchBundle(clone, out.resolve("workspace.bundle"));
                Repository r = clone.getRepository();
                ObjectId snap = r.resolve("refs/bundle/continuum/snapshot");
                assertNotNull(snap);
                Map<String, String> expected = Repos.workTreeFiles(ws, Set.of("build", "debug.log", ".env"));
                assertEquals(expected, Repos.treeFiles(r, snap));
                try (RevWalk rw = new RevWalk(r)) {
                    RevCommit c = rw.parseCommit(snap);
                    assertEquals(git.getRepository().resolve("HEAD"), c.getParent(0).getId());
                    ObjectId indexCommit = c.getParent(1).getId();
                    assertEquals(r.resolve("refs/bundle/continuum/index"), indexCommit);
                    DirCache staged = git.getRepository().readDirCache();
                    assertEquals(staged.writeTree(git.getRepository().newObjectInserter()),
                            rw.parseCommit(indexCommit).getTree().getId(), "index commit = what was staged");
                }
                assertEquals(git.getRepository().resolve("HEAD"), r.resolve("refs/bundle/heads/main"));
            }
        }
    }

    @Test
    void saveLeavesTheWorkspaceUntouchedByteForByte() throws Exception {
        Path ws = fx.root.resolve("ws");
        try (Git git = Repos.everyKindOfChange(fx.root.resolve("origin.git"), ws)) {
            Repos.write(ws, "stashme.txt", "x\n");
            git.add().addFilepattern("stashme.txt").call();
            git.stashCreate().setPerson(Repos.ME).call();
            Map<String, String> before = Repos.fingerprint(ws);
            Thread.sleep(20); // any rewrite would show in the mtimes
            capture(ws, CaptureOptions.defaults());
            assertEquals(before, Repos.fingerprint(ws));
        }
    }

    @Test
    void secretsAndOversizedFilesAreLeftOutAndNamed() throws Exception {
        Path ws = fx.root.resolve("ws");
        try (Git git = Repos.init(ws)) {
            Repos.write(ws, "a.txt", "a\n");
            Repos.commit(git, "one");
            Repos.write(ws, "keys/server.pem", "-----BEGIN PRIVATE KEY-----\n");
            Repos.write(ws, ".env.local", "X=1\n");
            Repos.write(ws, ".env.example", "X=\n");
            Files.write(ws.resolve("big.bin"), new byte[2 * 1024 * 1024]);
            GitInfo s = capture(ws, new CaptureOptions(false, 1024 * 1024));
            assertEquals(Set.of(".env.local", "keys/server.pem", "big.bin"),
                    s.skippedFiles().stream().map(LeftOut::path).collect(java.util.stream.Collectors.toSet()));
            assertEquals(Set.of("a.txt", ".env.example"), bundledSnapshot().keySet());
        }
    }

    @Test
    void includeSecretsKeepsThem() throws Exception {
        Path ws = fx.root.resolve("ws");
        try (Git git = Repos.init(ws)) {
            Repos.write(ws, "a.txt", "a\n");
            Repos.commit(git, "one");
            Repos.write(ws, ".env", "X=1\n");
            GitInfo s = capture(ws, new CaptureOptions(true, 1 << 20));
            assertTrue(s.skippedFiles().isEmpty());
        }
    }

    @Test
    void repositoryWithNoCommitsIsCapturedWithoutHistory() throws Exception {
        Path ws = fx.root.resolve("ws");
        try (Git git = Repos.init(ws)) {
            Repos.write(ws, "first.txt", "hello\n");
            GitInfo s = capture(ws, CaptureOptions.defaults());
            assertNull(s.head());
            assertEquals("main", s.branch());
            assertTrue(s.hasUncommitted());
            assertTrue(Files.size(out.resolve("workspace.bundle")) > 0);
            assertTrue(Files.readString(out.resolve("snapshot.patch")).contains("+hello"));
        }
    }

    @Test
    void detachedHeadIsReportedAsSuch() throws Exception {
        Path ws = fx.root.resolve("ws");
        ObjectId first = Repos.detachedAtFirstOfTwo(ws);
        GitInfo s = capture(ws, CaptureOptions.defaults());
        assertTrue(s.detached());
        assertEquals(first.name(), s.head());
        
        assertFalse(s.hasUncommitted());
    }

    @Test
    void patchIsRedactedWhileTheBundleKeepsTheFileByteForByte() throws Exception {
        Path ws = fx.root.resolve("ws");
        try (Git git = Repos.init(ws)) {
            Repos.write(ws, "config.py", "x = 1\n");
            Repos.commit(git, "one");
            String content = "x = 1\nDB_PASSWORD = 'hunter2hunter2'\n";
            Repos.write(ws, "config.py", content);
            GitInfo s = capture(ws, CaptureOptions.defaults());
            String patch = Files.readString(out.resolve("snapshot.patch"));
            assertFalse(patch.contains("hunter2hunter2"));
            assertTrue(patch.contains("+DB_PASSWORD = '[REDACTED:secret_assignment]'"), patch);
            assertTrue(s.skippedFiles().isEmpty());
            assertEquals(Repos.workTreeFiles(ws, Set.of()), bundledSnapshot());
        }
    }

    @Test
    void aChangedFileHoldingATokenIsLeftOutAndNamed() throws Exception {
        Path ws = fx.root.resolve("ws");
        try (Git git = Repos.init(ws)) {
            Repos.write(ws, "deploy.sh", "echo hi\n");
            Repos.commit(git, "one");
            Repos.write(ws, "deploy.sh", "echo hi\nexport GH=" + "ghp_" + "b".repeat(36) + "\n");
            GitInfo s = capture(ws, CaptureOptions.defaults());
            assertEquals(java.util.List.of(new LeftOut("deploy.sh",
                    "holds a secret (github_token; --include-secrets keeps it)")), s.skippedFiles());
            assertFalse(Files.readString(out.resolve("snapshot.patch")).contains("ghp_"));
        }
    }

    @Test
    void aTokenInAnUnpushedCommitIsNamed() throws Exception {
        Path origin = fx.root.resolve("origin.git");
        Path ws = fx.root.resolve("ws");
        try (Git git = Repos.everyKindOfChange(origin, ws)) {
            Repos.write(ws, "deploy/ci.yml", "token: " + "glpat-" + "x".repeat(24) + "\n");
            git.add().addFilepattern("deploy/ci.yml").call();
            git.commit().setMessage("ci").setAuthor(Repos.ME).setCommitter(Repos.ME).setSign(false).call();
            GitInfo s = capture(ws, CaptureOptions.defaults());
            assertEquals(java.util.List.of(new CommittedSecret("deploy/ci.yml", "gitlab_token")), s.secretsInUnpushedCommits());
        }
    }

    @Test
    void aTokenThatAMergeBringsInIsNamedToo() throws Exception {
        Path origin = fx.root.resolve("origin.git");
        Path ws = fx.root.resolve("ws");
        try (Git git = Repos.everyKindOfChange(origin, ws)) {
            git.stashCreate().setIncludeUntracked(true).call();
            String main = git.getRepository().getBranch();
            git.checkout().setCreateBranch(true).setName("side").call();
            Repos.write(ws, "lib/keys/deploy.txt", "key " + "glpat-" + "y".repeat(24) + "\n");
            git.add().addFilepattern("lib").call();
            git.commit().setMessage("side").setAuthor(Repos.ME).setCommitter(Repos.ME).setSign(false).call();
            git.checkout().setName(main).call();
            Repos.write(ws, "other.txt", "main moves on\n");
            git.add().addFilepattern("other.txt").call();
            git.commit().setMessage("main").setAuthor(Repos.ME).setCommitter(Repos.ME).setSign(false).call();
            git.merge().include(git.getRepository().resolve("side")).setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.NO_FF)
                    .setMessage("merge side").call();
            GitInfo s = capture(ws, CaptureOptions.defaults());
            assertEquals(java.util.List.of(new CommittedSecret("lib/keys/deploy.txt", "gitlab_token")), s.secretsInUnpushedCommits());
        }
    }

    @Test
    void aBareRepositoryOpensAsAPlainFolderWithANote() throws Exception {
        Path bare = Repos.bare(fx.root.resolve("b.git"));
        try (Workspace w = Workspace.open(bare)) {
            assertFalse(w.isRepo());
            assertTrue(w.note().contains("bare repository"), w.note());
        }
    }

    @Test
    void notARepositoryOpensAsAPlainFolder() throws Exception {
        try (Workspace w = Workspace.open(fx.dir("plain"))) {
            assertFalse(w.isRepo());
            assertNull(w.note());
        }
    }
}
