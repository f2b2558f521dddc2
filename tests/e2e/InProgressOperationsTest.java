package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import lib.base.FileUtil;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.RebaseResult;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.Repos;

/** A session saved in the middle of a merge or a rebase is restored in the middle of it, commits and conflicts included. */
class InProgressOperationsTest extends FixtureTest {
    Path ws;
    Path origin;

    @BeforeEach
    void setUp() throws Exception {
        origin = Repos.bare(fx.root.resolve("origin.git"));
        ws = fx.root.resolve("ws");
        fx.useVaultRemote();
    }

    /** main and feature both change f.txt; main is pushed, feature's two commits are not (one adds a file). */
    private Git diverged() throws Exception {
        Git git = Repos.init(ws);
        git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(origin.toUri().toString())).call();
        Repos.write(ws, "f.txt", "base\n");
        Repos.commit(git, "base");
        git.branchCreate().setName("feature").call();
        Repos.write(ws, "f.txt", "main's version\n");
        Repos.commit(git, "main");
        Repos.pushTracking(git);
        git.checkout().setName("feature").call();
        Repos.write(ws, "f.txt", "feature's version\n");
        Repos.commit(git, "feature edits f");
        Repos.write(ws, "added-on-feature.txt", "only on the feature branch\n");
        Repos.commit(git, "feature adds a file");
        return git;
    }

    private static Set<String> stages(Repository repo, String path) throws Exception {
        DirCache dc = repo.readDirCache();
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < dc.getEntryCount(); i++) {
            if (dc.getEntry(i).getPathString().equals(path)) {
                out.add(dc.getEntry(i).getStage() + " " + dc.getEntry(i).getObjectId().name());
            }
        }
        return out;
    }

    /** Saves here, then resumes on a second machine into an empty folder; returns that folder. */
    private Path saveAndResumeElsewhere() throws Exception {
        Fixture.Result saved = fx.run(ws, "save", "-m", "mid-operation", "--no-wip-push");
        assertEquals(0, saved.code(), saved.all());
        FileUtil.deleteTree(ws); // the laptop is elsewhere
        Fixture other = new Fixture();
        other.set("CONTINUUM_REPO_URL", fx.vaultRemote().toString());
        Path target = other.dir("morning");
        Fixture.Result r = other.run(target, "resume", "latest", "--no-launch");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("again, as when it was saved"), r.out());
        return target;
    }

    @Test
    void aConflictedMergeComesBackConflicted() throws Exception {
        try (Git git = diverged()) {
            git.checkout().setName("main").call();
            MergeResult m = git.merge().include(git.getRepository().resolve("feature")).call();
            assertEquals(MergeResult.MergeStatus.CONFLICTING, m.getMergeStatus());
            Set<String> conflict = stages(git.getRepository(), "f.txt");
            String mergeHead = Files.readString(ws.resolve(".git/MERGE_HEAD")).strip();
            String conflicted = Files.readString(ws.resolve("f.txt"));

            Path target = saveAndResumeElsewhere();
            try (Git restored = Git.open(target.toFile())) {
                Repository r = restored.getRepository();
                assertEquals(RepositoryState.MERGING, r.getRepositoryState());
                assertEquals(mergeHead, Files.readString(target.resolve(".git/MERGE_HEAD")).strip());
                assertEquals(conflict, stages(r, "f.txt"), "stages 1, 2 and 3 as they were");
                assertEquals(Set.of("f.txt"), restored.status().call().getConflicting());
                assertEquals(conflicted, Files.readString(target.resolve("f.txt")));
                assertNotNull(r.parseCommit(r.resolve(mergeHead)), "the merged branch's commits came along");
            }
        }
    }

    @Test
    void aStoppedRebaseComesBackWithTheBranchItRebases() throws Exception {
        try (Git git = diverged()) {
            String featureTip = git.getRepository().resolve("feature").name();
            RebaseResult rr = git.rebase().setUpstream("main").call();
            assertEquals(RebaseResult.Status.STOPPED, rr.getStatus());
            assertEquals(RepositoryState.REBASING_MERGE, git.getRepository().getRepositoryState());

            Path target = saveAndResumeElsewhere();
            try (Git restored = Git.open(target.toFile())) {
                Repository r = restored.getRepository();
                assertEquals(RepositoryState.REBASING_MERGE, r.getRepositoryState());
                assertEquals(featureTip, r.resolve("refs/heads/feature").name(), "the branch being rebased, unpushed commits and all");
                assertEquals("refs/heads/feature", Files.readString(target.resolve(".git/rebase-merge/head-name")).strip());
                assertNotNull(r.resolve("feature:added-on-feature.txt"), "the file one of its commits adds");
                assertEquals(Set.of("f.txt"), restored.status().call().getConflicting());
                // The user can carry on where they stopped: resolve and continue.
                Repos.write(target, "f.txt", "resolved\n");
                restored.add().addFilepattern("f.txt").call();
                RebaseResult done = restored.rebase().setOperation(org.eclipse.jgit.api.RebaseCommand.Operation.CONTINUE).call();
                assertTrue(done.getStatus().isSuccessful(), done.getStatus().toString());
                assertEquals("only on the feature branch\n", Files.readString(target.resolve("added-on-feature.txt")));
            }
        }
    }
}
