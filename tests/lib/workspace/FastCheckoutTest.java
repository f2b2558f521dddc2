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
            Repos.commit(git, "everything");
            Repos.pushTracking(git);
            tree = git.getRepository().resolve("HEAD^{tree}");
        }
        Path fast = fx.root.resolve("fast");
        try (Git g = Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(fast.toFile())
                .setNoCheckout(true).call()) {
            assertTrue(FastCheckout.tryCheckout(g.getRepository(), tree));
        }
        Path jgit = fx.root.resolve("jgit");
        Repos.cloneOf(origin, jgit).close();
        assertEquals(Snapshot.of(jgit, Set.of()), Snapshot.of(fast, Set.of()));
        try (Git g = Git.open(fast.toFile())) {
            assertTrue(g.status().call().isClean(), "the index matches the files");
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
                assertFalse(FastCheckout.tryCheckout(g.getRepository(), g.getRepository().resolve("origin/main^{tree}")));
                assertEquals(1, target.toFile().list().length, "nothing but .git was written");
            }
        }
    }
}
