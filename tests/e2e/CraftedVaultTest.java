package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lib.base.Json;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.BundleWriter;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;

/**
 * A vault is only as trusted as everyone who can push to its remote. A session crafted there must
 * not write outside the restore target, into its .git, or run anything: it is refused, whole.
 */
class CraftedVaultTest extends FixtureTest {
    static final String ID = "session-20260101-120000-0badc0de";
    static final PersonIdent WHO = new PersonIdent("x", "x@example.com");

    /** A blob, a tree entry or a whole tree for the crafted snapshot. */
    private interface Entry {
        void append(TreeFormatter t, ObjectInserter ins) throws Exception;
    }

    private static Entry file(String name, String content) {
        return (t, ins) -> t.append(name, FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)));
    }

    private static Entry link(String name, String target) {
        return (t, ins) -> t.append(name, FileMode.SYMLINK, ins.insert(Constants.OBJ_BLOB, target.getBytes(StandardCharsets.UTF_8)));
    }

    private static Entry dir(String name, Entry... entries) {
        return (t, ins) -> t.append(name, FileMode.TREE, tree(ins, entries));
    }

    private static ObjectId tree(ObjectInserter ins, Entry... entries) throws Exception {
        TreeFormatter t = new TreeFormatter();
        for (Entry e : entries) {
            e.append(t, ins); // in the order given: a crafted tree need not be sorted or unique
        }
        return ins.insert(t);
    }

    /** Writes a session whose snapshot tree holds the given entries into the vault, and returns the resume result. */
    private Fixture.Result resumeCrafted(Map<String, Object> metadataOverrides, Entry... snapshot) throws Exception {
        assertEquals(0, fx.run(fx.root, "init").code());
        Path scratch = fx.dir("craft");
        ObjectId head;
        ObjectId snap;
        ObjectId index;
        Path session = Files.createDirectories(fx.vault().resolve("sessions").resolve(ID));
        try (Repository r = new FileRepositoryBuilder().setGitDir(scratch.resolve(".git").toFile()).build()) {
            r.create();
            try (ObjectInserter ins = r.newObjectInserter()) {
                ObjectId base = tree(ins, file("a.txt", "a\n"));
                head = commit(ins, base);
                index = commit(ins, base, head);
                snap = commit(ins, tree(ins, snapshot), head, index);
                ins.flush();
            }
            BundleWriter bw = new BundleWriter(r);
            bw.include("refs/continuum/snapshot", snap);
            bw.include("refs/continuum/index", index);
            bw.include("refs/continuum/head", head);
            bw.include("refs/heads/main", head);
            try (OutputStream out = Files.newOutputStream(session.resolve("workspace.bundle"))) {
                bw.writeBundle(NullProgressMonitor.INSTANCE, out);
            }
        }
        ObjectNode git = Json.COMPACT.createObjectNode().put("is_repo", true).put("branch", "main")
                .put("has_uncommitted", true).put("head", head.name()).put("snapshot_commit", snap.name())
                .put("index_commit", index.name());
        ObjectNode meta = Json.COMPACT.createObjectNode().put("session_id", ID).put("timestamp", "2026-01-01T12:00:00Z")
                .put("description", "crafted").put("workspace_path", "/nowhere/project").put("hostname", "evil");
        meta.set("git", git);
        metadataOverrides.forEach((k, v) -> {
            ObjectNode where = k.startsWith("git.") ? git : meta;
            where.set(k.replaceFirst("^git\\.", ""), Json.COMPACT.valueToTree(v));
        });
        Files.writeString(session.resolve("metadata.json"), meta.toString());
        Path target = fx.dir("target");
        return fx.run(target, "resume", ID, "--no-launch", "--workspace", target.toString());
    }

    private static ObjectId commit(ObjectInserter ins, ObjectId tree, ObjectId... parents) throws Exception {
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(tree);
        for (ObjectId p : parents) {
            c.addParentId(p);
        }
        c.setAuthor(WHO);
        c.setCommitter(WHO);
        c.setMessage("crafted\n");
        return ins.insert(c);
    }

    private void assertRefusedAndNothingWritten(Fixture.Result r) throws Exception {
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().startsWith("continuum: session " + ID + " is refused"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        try (Stream<Path> files = Files.list(fx.root.resolve("target"))) {
            assertEquals(List.of(".git"), files.map(p -> p.getFileName().toString()).toList(), "only the new repository");
        }
        assertFalse(Files.exists(fx.root.resolve("escape.txt")));
        assertFalse(Files.readString(fx.root.resolve("target/.git/config")).contains("fsmonitor"));
    }

    @Test
    void aDotDotEntryIsRefused() throws Exception {
        assertRefusedAndNothingWritten(resumeCrafted(Map.of(), file("a.txt", "a\n"), dir("..", file("escape.txt", "out"))));
    }

    @Test
    void aSessionRefusedWhileItsLargeFilesGoInWritesNothing() throws Exception {
        // The large files beside the bundle go into the repository on another thread while the
        // trees are checked: a refusal waits for them and still leaves only the new repository.
        assertEquals(0, fx.run(fx.root, "init").code());
        byte[] large = new byte[(int) lib.workspace.LargeFiles.MIN_BYTES + 1];
        new java.util.Random(1).nextBytes(large);
        Path files = Files.createDirectories(lib.session.SessionFolder.at(fx.vault().resolve("sessions").resolve(ID))
                .largeFilesDir());
        Files.write(files.resolve(new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, large).name()), large);
        assertRefusedAndNothingWritten(resumeCrafted(Map.of(), file("a.txt", "a\n"), dir("..", file("escape.txt", "out"))));
    }

    @Test
    void aSymlinkAndAFolderOfTheSameNameAreRefused() throws Exception {
        Path elsewhere = fx.dir("elsewhere");
        assertRefusedAndNothingWritten(resumeCrafted(Map.of(), link("lnk", elsewhere.toString()),
                dir("lnk", file("evil", "written through the link"))));
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void aGitFolderInAnySpellingIsRefused() throws Exception {
        for (String name : List.of(".git", ".GIT", "git~1", ".git.", ".g\u200cit")) {
            Fixture.Result r = resumeCrafted(Map.of(), file("a.txt", "a\n"),
                    dir(name, file("config", "[core]\n\tfsmonitor = \"touch " + fx.root.resolve("pwned") + "\"\n")));
            assertRefusedAndNothingWritten(r);
            assertFalse(Files.exists(fx.root.resolve("pwned")));
            lib.base.FileUtil.deleteTree(fx.root.resolve("target"));
            lib.base.FileUtil.deleteTree(fx.root.resolve("craft"));
        }
    }

    @Test
    void aBranchNameFromTheVaultIsCheckedBeforeItNamesARef() throws Exception {
        Fixture.Result r = resumeCrafted(Map.of("git.branch", "../../../escape"), file("a.txt", "a\n"));
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("names a branch git does not allow"), r.err());
        assertFalse(Files.exists(fx.root.resolve("escape")));
    }

    @Test
    void aWorkspacePathOfTheRootFolderIsNoCrash() throws Exception {
        Path target = fx.dir("target");
        Fixture.Result r = resumeCrafted(Map.of("workspace_path", "/"), file("a.txt", "a\n"));
        assertEquals(0, r.code(), r.all());
        assertEquals("a\n", Files.readString(target.resolve("a.txt")));
    }

    @Test
    void aSessionFolderWhoseNameIsNotAnIdIsNotASession() throws Exception {
        assertEquals(0, fx.run(fx.root, "init").code());
        Files.createDirectories(fx.vault().resolve("sessions/..evil"));
        Files.writeString(fx.vault().resolve("sessions/..evil/metadata.json"), "{}");
        Fixture.Result r = fx.run(fx.root, "show", "..evil");
        assertEquals(1, r.code(), r.all());
    }
}
