package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import lib.base.About;
import lib.base.FileUtil;
import lib.base.Json;
import lib.session.SessionMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.RemoteVault;
import support.Transcripts;

/**
 * One vault, two machines, two releases: the sessions a later release saved are listed and
 * described here without losing what this release does not know, and restored only when this
 * release can read the format they were stored in.
 */
class NewerReleaseTest extends FixtureTest {
    static final String AGENT = "7d0c6a8e-2b1f-4c3d-9e8f-0a1b2c3d4e5f";
    /** What show, resume and doctor say of a session the later release below saved in format FORMAT_VERSION + 1. */
    static final String NEWER = "saved by continuum 9.1.0 in vault format " + (SessionMetadata.FORMAT_VERSION + 1)
            + ", which this one (" + About.VERSION + ", format " + SessionMetadata.FORMAT_VERSION + ") cannot restore";
    Path ws;
    Path vaultRemote;
    String id;

    /** Saved and pushed, then given what a later release would have written: an unknown key at the top and in git. */
    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        Transcripts.write(fx.claude(), ws, AGENT, "build the thing");
        vaultRemote = fx.useVaultRemote();
        Fixture.Result r = fx.run(ws, "save", "-m", "from a later release", "--session", AGENT, "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        id = r.sessionId();
    }

    /**
     * The saved session again under another id, as a later release would have written its folder:
     * the given format, an unknown key at the top and one in git. The next sync commits and pushes it.
     */
    private String asALaterReleaseSavedIt(int format) throws Exception {
        return asALaterReleaseSavedIt(format, null);
    }

    /** The same, its workspace.bundle replaced by other bytes (a later release's own encoding of it) unless null. */
    private String asALaterReleaseSavedIt(int format, byte[] bundle) throws Exception {
        String later = "session-20260101-120000-0a1b2c3d";
        Path sessions = fx.vault().resolve("sessions");
        try (RemoteVault remote = RemoteVault.at(vaultRemote)) {
            remote.files(id, sessions.resolve(later));
        }
        Path file = sessions.resolve(later).resolve("metadata.json");
        ObjectNode m = (ObjectNode) Json.COMPACT.readTree(file.toFile());
        m.put("session_id", later);
        m.put("format_version", format);
        m.put("continuum_version", "9.1.0");
        m.putObject("compression").put("conversation", "zstd");
        ((ObjectNode) m.get("git")).put("worktrees", 2);
        Files.writeString(file, Json.MAPPER.writeValueAsString(m) + "\n");
        if (bundle != null) {
            Files.write(sessions.resolve(later).resolve("workspace.bundle"), bundle);
        }
        Fixture.Result synced = fx.run(ws, "sync");
        assertEquals(0, synced.code(), synced.all());
        return later;
    }

    private JsonNode onTheRemote(String session) throws Exception {
        try (RemoteVault remote = RemoteVault.at(vaultRemote)) {
            return Json.COMPACT.readTree(remote.files(session, fx.dir("from-remote")).resolve("metadata.json").toFile());
        }
    }

    @Test
    void describeChangesTheDescriptionAndKeepsEveryKeyThisReleaseDoesNotKnow() throws Exception {
        String later = asALaterReleaseSavedIt(SessionMetadata.FORMAT_VERSION);
        ObjectNode expected = (ObjectNode) onTheRemote(later);
        assertEquals("zstd", expected.path("compression").path("conversation").asText(), "the crafted session as written");
        Fixture.Result r = fx.run(ws, "describe", later, "the login fix");
        assertEquals(0, r.code(), r.all());
        assertEquals(0, fx.run(ws, "sync").code());
        expected.put("description", "the login fix");
        assertEquals(expected, onTheRemote(later), "only the description changed");
    }

    @Test
    void aSessionOfANewerFormatIsListedButNotRestoredOnAnotherMachine() throws Exception {
        String later = asALaterReleaseSavedIt(SessionMetadata.FORMAT_VERSION + 1);
        FileUtil.deleteTree(ws); // the laptop is elsewhere now: a resume would clone into the folder it is given
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", vaultRemote.toString());
            Fixture.Result list = other.run(other.root, "list", "--json");
            assertEquals(0, list.code(), list.all());
            assertTrue(list.out().contains("\"" + later + "\""), list.out());
            Fixture.Result show = other.run(other.root, "show", later);
            assertEquals(0, show.code(), show.all());
            assertTrue(show.out().contains("  Newer format: " + NEWER), show.out());
            Fixture.Result transcript = other.run(other.root, "show", later, "--transcript");
            assertEquals(1, transcript.code(), transcript.all());
            assertEquals("continuum: session " + later + " was " + NEWER
                    + ": update continuum on this machine to read its conversation\n", transcript.err());
            assertEquals("", transcript.out());

            Path dir = other.dir("checkout");
            Fixture.Result r = other.run(dir, "resume", later, "--no-launch");
            assertEquals(1, r.code(), r.all());
            assertEquals("continuum: session " + later + " was " + NEWER
                    + ": update continuum on this machine (git pull in its checkout, then install)\n", r.err());
            assertFalse(r.out().contains("Restoring"), r.out());
            try (var left = Files.list(dir)) {
                assertEquals(0, left.count(), "nothing written where it would have gone");
            }
            assertFalse(Files.exists(ws));
            assertFalse(Files.exists(other.claude().resolve("projects")), "no conversation placed");
        }
    }

    @Test
    void doctorLeavesASessionOfANewerFormatUnjudged() throws Exception {
        String later = asALaterReleaseSavedIt(SessionMetadata.FORMAT_VERSION + 1, "(zstd) not a bundle this release reads".getBytes());
        Fixture.Result r = fx.run(ws, "doctor");
        assertTrue(r.out().contains("  ⚠ Session " + later + ": " + NEWER + "; not checked\n"), r.out());
        assertTrue(r.out().contains("  ✓ 1 session(s) complete\n"), r.out());
        assertFalse(r.out().contains("✗"), r.out());
    }
}
