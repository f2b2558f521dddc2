package lib.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import lib.base.FileUtil;
import support.Fixture;
import support.Repos;

class LocalCloneTest {
    @TempDir
    Path root;
    Path origin;

    /** A bare origin as pushes leave one: two branches, a tag, a pack, and a loose object besides. */
    @BeforeEach
    void setUp() throws Exception {
        origin = Repos.bare(root.resolve("origin.git"));
        try (Git git = Repos.init(root.resolve("work"))) {
            Repos.write(root.resolve("work"), "a.txt", "one\n");
            Repos.commit(git, "one");
            git.tag().setName("v1").setAnnotated(true).setMessage("first").setTagger(Repos.ME).setSigned(false).call();
            git.branchCreate().setName("feature").call();
            Repos.write(root.resolve("work"), "a.txt", "two\n");
            Repos.commit(git, "two");
            git.push().setRemote(origin.toString()).setRefSpecs(new RefSpec("refs/heads/*:refs/heads/*"),
                    new RefSpec("refs/tags/*:refs/tags/*")).call();
        }
        try (Git git = Git.open(origin.toFile()); ObjectInserter in = git.getRepository().newObjectInserter()) {
            in.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, "loose, unreachable\n".getBytes());
            in.flush();
        }
    }

    @Test
    void aPlainPathIsClonedAsJGitClonesItWithTheOriginsFilesLinked() throws Exception {
        // A relative path is read from the new folder, by JGit's clone as by this one.
        clonedAsJGitClonesItWithTheOriginsFilesLinked("../origin.git");
    }

    @Test
    void aFileUrlWithNoHostIsClonedAsAPlainPathIs() throws Exception {
        clonedAsJGitClonesItWithTheOriginsFilesLinked(origin.toUri().toString());
    }

    private void clonedAsJGitClonesItWithTheOriginsFilesLinked(String url) throws Exception {
        Path linked = Files.createDirectories(root.resolve("linked"));
        assertTrue(new LocalClone(url).setDirectory(linked).call());
        Path fetched = root.resolve("fetched");
        Git.cloneRepository().setURI(url).setDirectory(fetched.toFile()).setNoCheckout(true).call().close();

        try (Git a = Git.open(linked.toFile()); Git b = Git.open(fetched.toFile())) {
            assertEquals(refs(b.getRepository()), refs(a.getRepository()));
            assertEquals("refs/heads/main", a.getRepository().exactRef("HEAD").getTarget().getName());
            for (String[] key : List.of(new String[] {"remote", "origin", "url"}, new String[] {"remote", "origin", "fetch"},
                    new String[] {"branch", "main", "remote"}, new String[] {"branch", "main", "merge"})) {
                assertEquals(b.getRepository().getConfig().getString(key[0], key[1], key[2]),
                        a.getRepository().getConfig().getString(key[0], key[1], key[2]), String.join(".", key));
            }
            everyObjectReachable(a.getRepository());
            a.fetch().call(); // a clone like any other: it fetches from its origin
        }
        try (var packs = Files.list(origin.resolve("objects/pack"))) {
            for (Path p : packs.toList()) {
                Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
                Path mine = linked.resolve(".git/objects/pack").resolve(p.getFileName());
                assertEquals(key, Files.readAttributes(mine, BasicFileAttributes.class).fileKey(), "one file on the disk: " + p);
            }
        }
        assertFalse(Files.exists(linked.resolve("a.txt")), "no work tree is written");
    }

    @Test
    void onAnotherDiskTheFilesAreCopiedAndTheCloneOutlivesItsOrigin() throws Exception {
        try (Fixture fx = new Fixture()) {
            Path copied = fx.dirOnAnotherDisk("copied");
            assertTrue(new LocalClone(origin.toString()).setDirectory(copied).call());
            FileUtil.deleteTree(origin);
            try (Git a = Git.open(copied.toFile())) {
                assertEquals(a.getRepository().resolve("refs/remotes/origin/main"), a.getRepository().resolve("HEAD"));
                everyObjectReachable(a.getRepository());
            }
        }
    }

    @Test
    void urlsAndOriginsOutOfTheOrdinaryAreLeftToJGitsCloneWithNothingWritten() throws Exception {
        Path withAlternates = Repos.bare(root.resolve("borrowing.git"));
        Files.writeString(withAlternates.resolve("objects/info/alternates"), origin.resolve("objects") + "\n");
        Path noBranch = Repos.bare(root.resolve("no-branch.git"));
        Path dangling = root.resolve("dangling.git");
        Git.cloneRepository().setBare(true).setURI(origin.toString()).setDirectory(dangling.toFile()).call().close();
        Files.writeString(dangling.resolve("HEAD"), "ref: refs/heads/trunk\n");
        for (String url : List.of("file://host" + origin, "host:" + origin, "ssh://host" + origin,
                withAlternates.toString(), noBranch.toString(), dangling.toString(), root.resolve("nothing").toString(),
                root.toString())) {
            Path dir = Files.createDirectories(root.resolve("into-" + Integer.toHexString(url.hashCode())));
            assertFalse(new LocalClone(url).setDirectory(dir).call(), url);
            try (var left = Files.list(dir)) {
                assertEquals(List.of(), left.toList(), url);
            }
        }
    }

    @Test
    void anOriginNamingAnObjectItLacksFailsAndLeavesNothingBehind() throws Exception {
        Files.writeString(origin.resolve("refs/heads/broken"), "0123456789abcdef0123456789abcdef01234567\n");
        Path dir = Files.createDirectories(root.resolve("into"));
        IOException e = assertThrows(IOException.class, () -> new LocalClone(origin.toString()).setDirectory(dir).call());
        assertEquals("its refs/heads/broken names 0123456789abcdef0123456789abcdef01234567, which it does not hold",
                e.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aNonBareOriginIsClonedFromItsGitFolder() throws Exception {
        Path work = root.resolve("work");
        Path linked = Files.createDirectories(root.resolve("linked"));
        assertTrue(new LocalClone(work.toString()).setDirectory(linked).call());
        try (Git a = Git.open(linked.toFile()); Git w = Git.open(work.toFile())) {
            assertEquals(w.getRepository().resolve("main"), a.getRepository().resolve("refs/remotes/origin/main"));
            everyObjectReachable(a.getRepository());
        }
    }

    private static Map<String, ObjectId> refs(Repository repo) throws Exception {
        Map<String, ObjectId> out = new TreeMap<>();
        for (Ref r : repo.getRefDatabase().getRefs()) {
            out.put(r.getName(), r.getObjectId());
        }
        return out;
    }

    private static void everyObjectReachable(Repository repo) throws Exception {
        try (ObjectWalk walk = new ObjectWalk(repo)) {
            for (Ref r : repo.getRefDatabase().getRefs()) {
                walk.markStart(walk.parseAny(r.getObjectId()));
            }
            walk.checkConnectivity();
        }
    }
}
