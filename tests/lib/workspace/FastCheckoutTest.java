package lib.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import support.FixtureTest;
import support.Repos;
import support.Snapshot;

/** The threaded checkout must leave exactly what JGit's checkout leaves. */
class FastCheckoutTest extends FixtureTest {
    @Test
    void writesTheSameFilesModesLinksAndIndexAsJGit() throws Exception {
        Path origin = fx.root.resolve("origin.git");
        Path ws = fx.root.resolve("ws");
        ObjectId tree;
        try (Git git = Repos.everyKindOfChange(origin, ws)) {
            Repos.write(ws, "deep/er/still/file.txt", "a file whose folders hold no file of their own\n");
            Repos.commit(git, "everything");
            Repos.pushTracking(git);
            tree = git.getRepository().resolve("HEAD^{tree}");
        }
        Path fast = fx.root.resolve("fast");
        try (Git g = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(fast.toFile())
                .setNoCheckout(true).call()) {
            assertTrue(FastCheckout.tryCheckout(g.getRepository(), tree, tree));
        }
        Path jgit = fx.root.resolve("jgit");
        Repos.cloneOf(origin, jgit).close();
        assertEquals(Snapshot.of(jgit, Set.of()), Snapshot.of(fast, Set.of()));
        try (Git g = Git.open(fast.toFile())) {
            assertTrue(g.status().call().isClean(), "the index matches the files");
        }
    }

    @Test
    void theIndexIsTheStagedTreeAndOnlyItsUnchangedFilesLookClean() throws Exception {
        Path ws = fx.root.resolve("ws");
        ObjectId staged;
        ObjectId onDisk;
        try (Git git = Repos.init(ws)) {
            Repos.write(ws, "same.txt", "same\n");
            Repos.write(ws, "edited.txt", "b1"); // same length either way: only the content tells them apart
            Repos.write(ws, "added.txt", "staged, then deleted from disk\n");
            Repos.commit(git, "what was staged");
            staged = git.getRepository().resolve("HEAD^{tree}");
            Repos.write(ws, "edited.txt", "b2");
            Repos.write(ws, "new.txt", "never staged\n");
            git.rm().addFilepattern("added.txt").call();
            git.add().addFilepattern(".").call();
            Repos.commit(git, "what was on disk");
            onDisk = git.getRepository().resolve("HEAD^{tree}");
        }
        Path target = fx.root.resolve("t");
        // HEAD is the second commit, nothing is on disk yet: as a resume finds a fresh clone
        try (Git g = Git.cloneRepository().setURI(ws.toUri().toString()).setDirectory(target.toFile())
                .setNoCheckout(true).call()) {
            assertTrue(FastCheckout.tryCheckout(g.getRepository(), onDisk, staged));
            var st = g.status().call();
            assertEquals(Set.of("edited.txt"), st.getModified(), "an unstaged edit shows");
            assertEquals(Set.of("edited.txt"), st.getChanged());
            assertEquals(Set.of("added.txt"), st.getMissing());
            assertEquals(Set.of("added.txt"), st.getAdded());
            assertEquals(Set.of("new.txt"), st.getUntracked());
            assertEquals(Set.of("new.txt"), st.getRemoved());
            // Stat data that matched would hide the edit from git once the file is no longer new. (The
            // modification time: git zeroes the length of entries as new as the index itself.)
            var dc = g.getRepository().readDirCache();
            assertEquals(java.nio.file.Files.getLastModifiedTime(target.resolve("same.txt")).toInstant(),
                    dc.getEntry("same.txt").getLastModifiedInstant(), "the written file's stat data");
            assertEquals(java.time.Instant.EPOCH, dc.getEntry("edited.txt").getLastModifiedInstant(),
                    "none from a file that is not the staged blob");
        }
    }

    @Test
    void stepsAsideForAttributesAndLineEndings() throws Exception {
        Path ws = fx.root.resolve("ws");
        try (Git git = Repos.init(ws)) {
            Repos.write(ws, ".gitattributes", "* text=auto\n");
            Repos.write(ws, "a.txt", "a\n");
            Repos.commit(git, "attrs");
            Path target = fx.root.resolve("t");
            try (Git g = Git.cloneRepository().setURI(ws.toUri().toString()).setDirectory(target.toFile())
                    .setNoCheckout(true).call()) {
                ObjectId t = g.getRepository().resolve("origin/main^{tree}");
                assertFalse(FastCheckout.tryCheckout(g.getRepository(), t, t));
                assertEquals(1, target.toFile().list().length, "nothing but .git was written");
            }
        }
    }
}
