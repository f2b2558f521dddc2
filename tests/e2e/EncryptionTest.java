package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevBlob;
import org.eclipse.jgit.revwalk.RevObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Cli;
import support.Fixture;
import support.FixtureTest;
import support.RemoteVault;
import support.Repos;
import support.Snapshot;
import support.Transcripts;

/** An encrypted vault as a user who does not trust their git host checks it, with the real age CLI. */
class EncryptionTest extends FixtureTest {
    static final String AGENT = "e2c0aaaa-1111-4222-8333-444455556666";
    static final String MARKER = "PLAINTEXT-MARKER-7f3a9c";
    static final Set<String> NOT_SAVED = Set.of(".env", "build", "debug.log");
    Path ws;
    Path remote;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        remote = fx.useVaultRemote();
    }

    private static void needAge() {
        Assumptions.assumeTrue(Cli.onPath("age"), "the age CLI is not installed (Debian package 'age'; .ci/run installs it)");
    }

    private Path identity(Fixture who) {
        return who.home.resolve(".config/continuum/identity.txt");
    }

    /** A save carrying the marker in every place a user's words and files go. */
    private Fixture.Result saveWithMarkers() throws Exception {
        Transcripts.write(fx.claude(), ws, AGENT, "please keep " + MARKER + " safe");
        Repos.write(ws, "README.md", "# demo\nchanged " + MARKER + "\n");
        Repos.write(ws, "notes-" + MARKER + ".txt", "untracked " + MARKER + "\n");
        byte[] big = new byte[2 << 20];
        new Random(3).nextBytes(big);
        System.arraycopy(MARKER.getBytes(StandardCharsets.US_ASCII), 0, big, 1000, MARKER.length());
        Files.write(ws.resolve("large.bin"), big);
        Fixture.Result r = fx.run(ws, "save", "-m", "about " + MARKER, "--session", AGENT, "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        return r;
    }

    /** Every blob reachable on the remote, as stored (each bundle and large file is a blob). */
    private static List<byte[]> blobs(Path bare) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (Git g = Git.open(bare.toFile()); ObjectWalk ow = new ObjectWalk(g.getRepository())) {
            Repository repo = g.getRepository();
            for (Ref r : repo.getRefDatabase().getRefs()) {
                ow.markStart(ow.parseAny(r.getObjectId()));
            }
            while (ow.next() != null) {
                // commits: their messages are checked below
            }
            RevObject o;
            while ((o = ow.nextObject()) != null) {
                if (o instanceof RevBlob) {
                    out.add(repo.open(o, Constants.OBJ_BLOB).getBytes());
                }
            }
        }
        return out;
    }

    @Test
    void theRemoteHoldsOnlyAgeFilesThatTheAgeCliOpens() throws Exception {
        needAge();
        Fixture.Result init = fx.run(ws, "init", "--encrypt");
        assertEquals(0, init.code(), init.all());
        assertTrue(Files.isRegularFile(identity(fx)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(identity(fx))));
        String id = saveWithMarkers().sessionId();

        for (byte[] blob : blobs(remote)) {
            assertFalse(new String(blob, StandardCharsets.ISO_8859_1).contains(MARKER), "a blob on the remote holds the marker");
        }
        try (Git g = Git.open(remote.toFile())) {
            for (var c : g.log().all().call()) {
                assertFalse(c.getFullMessage().contains(MARKER) || c.getAuthorIdent().getEmailAddress().contains("testhost"),
                        c.getFullMessage());
            }
        }
        Path files = fx.root.resolve("remote-files");
        try (RemoteVault r = RemoteVault.at(remote)) {
            r.files(id, files);
        }
        List<String> names = new ArrayList<>();
        try (var all = Files.walk(files)) {
            all.filter(Files::isRegularFile).forEach(p -> names.add(files.relativize(p).toString()));
        }
        assertTrue(names.contains("metadata.json.age") && names.contains("workspace.bundle.age") && names.contains("conversation.jsonl.age"),
                names.toString());
        for (String name : names) {
            assertTrue(name.endsWith(".age"), name + " is an age file");
            Path out = fx.root.resolve("decrypted").resolve(name.replace('/', '_'));
            Files.createDirectories(out.getParent());
            Fixture.Result plain = Cli.run(List.of("age", "-d", "-i", identity(fx).toString(), "-o", out.toString(),
                    files.resolve(name).toString()), Cli.childEnv(fx), fx.root, 60);
            assertEquals(0, plain.code(), name + ": " + plain.all());
            if (name.equals("metadata.json.age") || name.equals("conversation.jsonl.age")) {
                assertTrue(Files.readString(out).contains(MARKER), "the words are all there, for the key's holder: " + name);
            }
        }
    }

    @Test
    void aSecondMachineWithTheKeyResumesByteForByteAndOneWithoutItIsToldWhatToDo() throws Exception {
        needAge();
        assertEquals(0, fx.run(ws, "init", "--encrypt").code());
        saveWithMarkers();
        Snapshot saved = Snapshot.of(ws, NOT_SAVED);

        try (Fixture stranger = new Fixture()) {
            stranger.set("CONTINUUM_REPO_URL", remote.toString());
            Fixture.Result r = stranger.run(ws, "list");
            assertEquals(1, r.code(), r.all());
            assertTrue(r.err().startsWith("continuum: this vault is encrypted and this machine has no age identity at ")
                    && r.err().contains("'continuum key add-recipient <that key>'") && r.err().strip().lines().count() == 1, r.err());
            assertFalse(Files.exists(stranger.vault()), "nothing written");

            String strangerKey = stranger.run(ws, "key", "show").out().strip();
            Fixture.Result wrongKey = stranger.run(ws, "list");
            assertEquals(1, wrongKey.code());
            assertTrue(wrongKey.err().startsWith("continuum: this machine's age identity (") && wrongKey.err().contains(strangerKey),
                    wrongKey.err());

            // Let it in: its key added on a machine that reads the vault, the sessions encrypted for it too.
            assertEquals(0, fx.run(ws, "key", "add-recipient", strangerKey).code());
            Fixture.Result migrate = fx.run(ws, "migrate", "--encrypt", "--yes");
            assertEquals(0, migrate.code(), migrate.all());
            Path target = stranger.dir("morning");
            Fixture.Result resumed = stranger.run(target, "resume", "latest", "--no-launch", "--workspace", target.toString());
            assertEquals(0, resumed.code(), resumed.all());
            assertEquals(saved.files(), Snapshot.of(target, NOT_SAVED).files());
            assertEquals(saved.index(), Snapshot.of(target, NOT_SAVED).index());
            assertEquals(saved.branch(), Snapshot.of(target, NOT_SAVED).branch());
        }
    }

    @Test
    void badKeysAreOneLine() throws Exception {
        assertEquals(0, fx.run(ws, "init", "--encrypt").code());
        Fixture.Result notAKey = fx.run(ws, "key", "add-recipient", "age1notakey");
        assertEquals(1, notAKey.code());
        assertEquals("continuum: 'age1notakey' is not an age public key (age1..., as 'continuum key show' or age-keygen prints it)\n",
                notAKey.err());
        Files.writeString(identity(fx), "AGE-SECRET-KEY-1BROKEN\n");
        Fixture.Result broken = fx.run(ws, "save", "-m", "x", "--no-wip-push");
        Fixture.Result show = fx.run(ws, "show", "latest", "--transcript");
        for (Fixture.Result r : List.of(broken.code() == 0 ? show : broken)) {
            assertTrue(r.err().isEmpty() || r.err().startsWith("continuum: "), r.err());
            assertFalse(r.all().contains("Exception") || r.all().contains("\tat "), r.all());
        }
    }

    @Test
    void aReSaveOfAnEncryptedSessionAddsOnlyWhatIsNew() throws Exception {
        needAge();
        assertEquals(0, fx.run(ws, "init", "--encrypt").code());
        saveWithMarkers();
        long before = Repos.bytesIn(remote);
        Fixture.Result again = fx.run(ws, "save", "-m", "again", "--session", AGENT, "--no-wip-push");
        assertEquals(0, again.code(), again.all());
        long added = Repos.bytesIn(remote) - before;
        assertTrue(added < (1 << 20), "the 2 MB file is not stored again: " + added + " bytes added");
    }
}
