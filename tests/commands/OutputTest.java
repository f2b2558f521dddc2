package commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.Repos;
import support.Transcripts;

/** What a user reads: one style for every line, one line for every error, and nothing a terminal would obey. */
class OutputTest extends FixtureTest {
    static final String AGENT = "0a7b0a7b-1111-4222-8333-444455556666";
    Path ws;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        Transcripts.write(fx.claude(), ws, AGENT, "hello");
    }

    private void assertOneLineError(Fixture.Result r, int code, String start) {
        assertEquals(code, r.code(), r.all());
        assertEquals("", r.out(), "nothing printed before the error");
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("continuum: " + start), r.err());
    }

    @Test
    void usageErrorsAreOneLineWithAHint() {
        Fixture.Result typo = fx.run(ws, "sav");
        assertOneLineError(typo, 2, "unknown command 'sav' (did you mean 'save'?)");
        assertTrue(typo.err().contains("see 'continuum --help'"), typo.err());
        assertOneLineError(fx.run(ws), 2, "a command is required");
        assertOneLineError(fx.run(ws, "list", "--limit", "0"), 2, "--limit must be at least 1");
        assertOneLineError(fx.run(ws, "save", "--max-file-size", "0"), 2, "--max-file-size must be between 1 and");
        assertOneLineError(fx.run(ws, "save", "--max-file-size", "99999999999999"), 2, "--max-file-size");
        assertOneLineError(fx.run(ws, "save", "--no-such-option"), 2, "Unknown option: '--no-such-option'");
    }

    @Test
    void versionIsWhatPicocliPrintsForTheRootAndEveryVerb() {
        // --version alone is answered before picocli builds its model: the same line either way.
        Fixture.Result alone = fx.run(ws, "--version");
        assertEquals(0, alone.code(), alone.all());
        assertEquals("continuum " + lib.base.About.VERSION + "\n", alone.out().replace("\r\n", "\n"));
        assertEquals(alone.out(), fx.run(ws, "-V").out());
        assertEquals(alone.out(), fx.run(ws, "list", "--version").out());
        Fixture.Result both = fx.run(ws, "--version", "--help"); // picocli answers anything more, help first
        assertTrue(both.out().contains("Commands:") && both.out().contains("  save "), both.all());
    }

    @Test
    void aBadSessionIdIsRefusedBeforeAnythingIsPrinted() {
        assertOneLineError(fx.run(ws, "save", "--session", "not-a-uuid"), 1, "--session must be a Claude Code session id");
    }

    @Test
    void aBadVaultUrlIsOneLineBeforeAnythingHappens() {
        fx.set("CONTINUUM_REPO_URL", "http://[::1");
        assertOneLineError(fx.run(ws, "save"), 1, "CONTINUUM_REPO_URL is not usable");
        assertFalse(Files.exists(fx.vault()));
        fx.set("CONTINUUM_REPO_URL", "ext::sh -c touch% /tmp/pwned");
        assertOneLineError(fx.run(ws, "list"), 1, "CONTINUUM_REPO_URL is not usable: remote helpers");
    }

    @Test
    void initNeverStoresARemoteItCannotReach() throws Exception {
        assertEquals(0, fx.run(ws, "init").code());
        Fixture.Result r = fx.run(ws, "init", "--remote", fx.root.resolve("nowhere.git").toString());
        assertEquals(1, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        try (Git vault = Git.open(fx.vault().toFile())) {
            assertEquals(null, vault.getRepository().getConfig().getString("remote", "origin", "url"));
        }
    }

    @Test
    void descriptionWordsAreJoinedNotDropped() throws Exception {
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push", "-m", "one", "two", "three");
        assertEquals(0, r.code(), r.all());
        assertTrue(fx.run(ws, "show").out().contains("  Description:   one two three\n"));
    }

    @Test
    void controlCharactersFromTheVaultNeverReachTheTerminal() {
        String nasty = "fix \u001b]0;owned\u0007 the \u001b[31mred\u001b[0m \u009b2J build";
        assertEquals(0, fx.run(ws, "save", "--no-wip-push", "-m", nasty).code());
        for (String verb : new String[] {"list", "show"}) {
            String out = fx.runAtTerminal(ws, "", verb).out().replaceAll("\u001b\\[[0-9;]*m", ""); // our own colours
            assertFalse(out.contains("\u001b") || out.contains("\u0007") || out.contains("\u009b"), verb + ": " + out);
            assertTrue(out.contains("fix ]0;owned the [31mred[0m 2J build"), verb + ": " + out);
        }
    }

    @Test
    void aFilterThatMatchesNothingSaysSo() {
        assertEquals(0, fx.run(ws, "save", "--no-wip-push").code());
        Fixture.Result r = fx.run(ws, "list", "--host", "nosuchhost");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("No session matches --host nosuchhost (the vault has 1;"), r.out());
    }

    @Test
    void everyWarningHasTheSameStyle() {
        fx.set("CONTINUUM_REPO_URL", fx.root.resolve("not-yet.git").toString());
        Fixture.Result r = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        for (String line : r.out().lines().toList()) {
            if (line.contains("⚠") || line.contains("Warning")) {
                assertTrue(line.startsWith("  ⚠ "), line);
            }
        }
        assertTrue(r.out().contains("  ⚠ Warning: Failed to push to continuum repo ("), r.out());
    }

    @Test
    void nothingToSaveIsAnError() throws Exception {
        Path empty = fx.dir("empty");
        assertOneLineError(fx.run(empty, "save"), 1, "nothing to save in " + empty.toRealPath());
    }

    @Test
    void everyVerbsHelpHasExamples() {
        for (String verb : new String[] {"save", "list", "show", "resume", "sync", "init", "doctor", "install-command"}) {
            Fixture.Result r = fx.run(ws, verb, "--help");
            assertEquals(0, r.code(), verb);
            assertTrue(r.out().contains("Examples:"), verb + ": " + r.out());
            assertTrue(r.out().contains("Environment"), verb + ": " + r.out());
        }
    }

    @Test
    void aReadOnlyVaultIsOneClearLine() throws Exception {
        Path disk = fx.dir("ro-disk");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk.toString()).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "mounting a tmpfs needs root (skipped otherwise)");
        try {
            fx.set("CONTINUUM_HOME", disk.resolve("vault").toString());
            assertEquals(0, fx.run(ws, "save", "--no-wip-push").code());
            assertEquals(0, remountReadOnly(disk));
            Fixture.Result r = fx.run(ws, "save", "--no-wip-push");
            assertEquals(1, r.code(), r.all());
            assertTrue(r.err().startsWith("continuum: the vault at " + disk.resolve("vault") + " is not writable"), r.err());
            assertEquals(0, fx.run(ws, "list").code(), "reading still works");
        } finally {
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    /**
     * The kernel refuses to make a file system read-only while a file on it is open for writing.
     * On a machine where JGit has never finished measuring this kind of file system, the save just
     * run left JGit measuring it on a thread of this JVM (a probe file written for ~3 s): ask again
     * until it is done.
     */
    private static int remountReadOnly(Path disk) throws Exception {
        int code = -1;
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(200)) {
            code = new ProcessBuilder("mount", "-o", "remount,ro", disk.toString()).redirectErrorStream(true).start().waitFor();
            if (code == 0) {
                break;
            }
        }
        return code;
    }
}
