package lib.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import lib.term.Console;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;

class LocalStateTest extends FixtureTest {

    /**
     * Saves two sessions of one workspace and returns the one a prune of all but the newest
     * removes: the lower id (ids sort by save time; two in one second, by their random suffix).
     */
    private String olderOfTwoSessions(Path ws) {
        Fixture.Result first = fx.run(ws, "save", "-m", "first", "--no-push");
        assertEquals(0, first.code(), first.all());
        Fixture.Result second = fx.run(ws, "save", "-m", "second", "--no-push");
        assertEquals(0, second.code(), second.all());
        return first.sessionId().compareTo(second.sessionId()) < 0 ? first.sessionId() : second.sessionId();
    }

    @Test
    void aSessionBeingResumedIsNotPrunedUntilTheResumeEnds() throws Exception {
        Path ws = fx.project();
        String older = olderOfTwoSessions(ws);
        try (Vault v = Vault.open(fx.env(ws), Vault.Need.LOCAL, Console.silent());
             AutoCloseable mark = v.local().resuming(older)) {
            Fixture.Result kept = fx.run(ws, "prune", "--keep-last", "1", "--yes");
            assertEquals(0, kept.code(), kept.all());
            assertTrue(kept.out().contains("Kept 1 being resumed right now"), kept.out());
            assertTrue(fx.run(ws, "list").out().contains(older));
        }
        Fixture.Result pruned = fx.run(ws, "prune", "--keep-last", "1", "--yes");
        assertEquals(0, pruned.code(), pruned.all());
        assertTrue(pruned.out().contains("Removing 1 session(s)"), pruned.out());
        assertFalse(fx.run(ws, "list").out().contains(older));
    }

    @Test
    void aMarkLeftByAResumeThatWasKilledProtectsNothing() throws Exception {
        Path ws = fx.project();
        String older = olderOfTwoSessions(ws);
        try (Vault v = Vault.open(fx.env(ws), Vault.Need.LOCAL, Console.silent())) {
            // what a killed resume leaves: its mark, naming a process that no longer runs
            Path marks = Files.createDirectories(v.dir().resolve(".git/continuum-resuming"));
            Files.writeString(marks.resolve(older), "999999999");
            assertTrue(v.local().beingResumed().isEmpty());
        }
        Fixture.Result pruned = fx.run(ws, "prune", "--keep-last", "1", "--yes");
        assertEquals(0, pruned.code(), pruned.all());
        assertFalse(fx.run(ws, "list").out().contains(older));
    }

    @Test
    void automaticSavesOfOneWorkspaceShareALockAndAnotherWorkspaceHasItsOwn() throws Exception {
        Path ws = fx.project();
        assertEquals(0, fx.run(ws, "save", "--no-push").code());
        try (Vault v = Vault.open(fx.env(ws), Vault.Need.LOCAL, Console.silent())) {
            Path lock = v.local().autoSaveLock(ws);
            assertEquals(lock, v.local().autoSaveLock(ws));
            assertNotEquals(lock, v.local().autoSaveLock(fx.dir("elsewhere")));
            assertTrue(lock.startsWith(v.dir().resolve(".git")), "kept inside the vault's .git, never pushed: " + lock);
        }
    }
}
