package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.Layout1;
import support.RemoteVault;
import support.Repos;
import support.Snapshot;

/** Layout 2 as users meet it: a vault of the earlier layout migrated, and old sessions pruned. */
class VaultLayoutTest extends FixtureTest {
    Path ws;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
    }

    /** A save with a file of its own (incompressible, the previous save's gone), so that each session has a size of its own. */
    private String save(String description, int seed) throws Exception {
        Files.deleteIfExists(ws.resolve("data-" + (seed - 1) + ".bin"));
        Thread.sleep(1000 - System.currentTimeMillis() % 1000); // ids order saves by the second they were made
        byte[] data = new byte[200_000];
        new Random(seed).nextBytes(data);
        Files.write(ws.resolve("data-" + seed + ".bin"), data);
        Fixture.Result r = fx.run(ws, "save", "-m", description, "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        return r.sessionId();
    }

    /** git gc --prune=now, with JGit: unreachable objects and the packs they were in go at once. */
    private static void gcNow(Path bare) throws Exception {
        try (Git g = Git.open(bare.toFile())) {
            var cfg = g.getRepository().getConfig();
            cfg.setString("gc", null, "prunePackExpire", "now");
            cfg.save();
            // JGit loosens what it drops from a pack first: an expiry ahead of now removes those too.
            g.gc().setExpire(java.time.Instant.now().plusSeconds(60)).call();
        }
    }

    @Test
    void aVaultOfTheEarlierLayoutMigratesWithEverySessionPushedOrNot() throws Exception {
        Path scratch = fx.root.resolve("scratch-vault");
        fx.set("CONTINUUM_HOME", scratch.toString());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(save("session " + i, i));
        }
        Path remote = fx.vaultRemote();
        Path v1 = fx.root.resolve("v1-vault");
        List<Path> folders = ids.stream().map(id -> scratch.resolve("sessions").resolve(id)).toList();
        Layout1.make(v1, remote, folders.subList(0, 2), folders.subList(2, 3));
        fx.set("CONTINUUM_HOME", v1.toString()).set("CONTINUUM_REPO_URL", remote.toString());

        try (Fixture laptop = new Fixture()) {
            laptop.set("CONTINUUM_REPO_URL", remote.toString());
            String before = laptop.run(ws, "list").out();
            assertTrue(before.contains("session 0") && before.contains("session 1") && !before.contains("session 2"), before);

            String list = fx.run(ws, "list").out();
            assertTrue(list.contains("session 0") && list.contains("session 2"), "layout 1 is read as it is: " + list);
            Fixture.Result migrated = fx.run(ws, "migrate");
            assertEquals(0, migrated.code(), migrated.all());
            assertTrue(migrated.out().contains("  ✓ Moved to layout 2: 3 session(s), each under its own ref"), migrated.out());
            assertTrue(migrated.out().contains("  ✓ Pushed to " + remote), migrated.out());

            try (RemoteVault r = RemoteVault.at(remote)) {
                assertEquals(Set.copyOf(ids), r.listed());
                assertEquals(Set.copyOf(ids), r.sessionRefs());
                for (int i = 0; i < 3; i++) {
                    assertEquals(Layout1.files(folders.get(i)), Layout1.files(r.files(ids.get(i), fx.root.resolve("check-" + i))),
                            "session " + i + " byte for byte");
                }
                try (RevWalk rw = new RevWalk(r.repository())) {
                    assertNull(TreeWalk.forPath(r.repository(), "sessions", rw.parseCommit(r.repository().resolve("refs/heads/main")).getTree()),
                            "main no longer holds sessions, so pruning can free them");
                }
            }

            // The laptop still had a layout-1 clone: its sync moves it and brings the session it missed.
            assertEquals(0, laptop.run(ws, "sync").code());
            String after = laptop.run(ws, "list").out();
            assertTrue(after.contains("session 0") && after.contains("session 2"), after);

            // A new machine fetches only the list, then the one session it resumes.
            try (Fixture fresh = new Fixture()) {
                fresh.set("CONTINUUM_REPO_URL", remote.toString());
                assertTrue(fresh.run(ws, "list").out().contains("session 2"));
                try (Git g = Git.open(fresh.vault().toFile())) {
                    assertTrue(g.getRepository().getRefDatabase().getRefsByPrefix("refs/continuum/sessions/").isEmpty(),
                            "listing fetched no session");
                }
                Path target = fresh.dir("morning");
                Fixture.Result resumed = fresh.run(target, "resume", ids.get(2), "--no-launch", "--workspace", target.toString());
                assertEquals(0, resumed.code(), resumed.all());
                try (Git g = Git.open(fresh.vault().toFile())) {
                    assertEquals(1, g.getRepository().getRefDatabase().getRefsByPrefix("refs/continuum/sessions/").size());
                }
                Set<String> notSaved = Set.of(".env", "build", "debug.log");
                assertEquals(Snapshot.of(ws, notSaved).files(), Snapshot.of(target, notSaved).files());
            }
        }
    }

    @Test
    void pruneRemovesOldSessionsHereAndOnTheRemoteAndKeptOnesStillResume() throws Exception {
        Path remote = fx.useVaultRemote();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(save("session " + i, 10 + i));
        }
        Set<String> notSaved = Set.of(".env", "build", "debug.log");
        Snapshot newest = Snapshot.of(ws, notSaved);

        for (String[] bad : new String[][] {{"--keep-last", "-1"}, {"--older-than", "5x"}, {}, {"--keep-last", "2"}}) {
            List<String> args = new ArrayList<>(List.of("prune"));
            args.addAll(List.of(bad));
            Fixture.Result r = fx.run(ws, args.toArray(String[]::new));
            assertEquals(1, r.code(), String.join(" ", args) + ": " + r.all());
            assertTrue(r.err().startsWith("continuum: ") && r.err().strip().lines().count() == 1, r.err());
        }
        Fixture.Result dry = fx.run(ws, "prune", "--keep-last", "2", "--dry-run");
        assertEquals(0, dry.code(), dry.all());
        assertTrue(dry.out().startsWith("Would remove 3 session(s), "), dry.out());
        try (RemoteVault r = RemoteVault.at(remote)) {
            assertEquals(5, r.listed().size(), "nothing removed yet");
        }

        gcNow(remote);
        long before = Repos.bytesIn(remote);
        Fixture.Result pruned = fx.run(ws, "prune", "--keep-last", "2", "--yes");
        assertEquals(0, pruned.code(), pruned.all());
        assertTrue(pruned.out().contains("  ✓ Removed 3 session(s) from the vault"), pruned.out());
        try (RemoteVault r = RemoteVault.at(remote)) {
            assertEquals(Set.copyOf(ids.subList(3, 5)), r.listed());
            assertEquals(Set.copyOf(ids.subList(3, 5)), r.sessionRefs());
        }
        gcNow(remote); // what the host's own 'git gc --prune=now' does
        long freed = before - Repos.bytesIn(remote);
        assertTrue(freed >= 3 * 180_000, "the remote is smaller by the pruned sessions' share: " + freed + " bytes");
        assertFalse(Files.exists(fx.vault().resolve("sessions").resolve(ids.get(0))));

        Fixture.Result latest = fx.run(ws, "prune", "--keep-last", "0", "--yes");
        assertTrue(latest.out().contains("Kept 1 that are the newest of their workspace"), latest.out());
        try (RemoteVault r = RemoteVault.at(remote)) {
            assertEquals(Set.of(ids.get(4)), r.listed());
        }

        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", remote.toString());
            Path target = other.dir("elsewhere");
            Fixture.Result r = other.run(target, "resume", "latest", "--no-launch", "--workspace", target.toString());
            assertEquals(0, r.code(), r.all());
            assertEquals(newest.files(), Snapshot.of(target, notSaved).files());
            assertEquals(newest.index(), Snapshot.of(target, notSaved).index());
        }
    }

    @Test
    void aVaultMovedToANewRemoteSendsEverySessionThere() throws Exception {
        fx.useVaultRemote();
        String a = save("first", 30);
        String b = save("second", 31);
        Path fresh = Repos.bare(fx.root.resolve("fresh.git"));
        fx.set("CONTINUUM_REPO_URL", null);
        assertEquals(0, fx.run(ws, "init", "--remote", fresh.toString()).code());
        Fixture.Result sync = fx.run(ws, "sync");
        assertEquals(0, sync.code(), sync.all());
        try (RemoteVault r = RemoteVault.at(fresh)) {
            assertEquals(Set.of(a, b), r.listed());
            assertEquals(Set.of(a, b), r.sessionRefs());
        }
    }

    @Test
    void pruneOnAnEmptyVaultIsOneLine() throws Exception {
        assertEquals(0, fx.run(ws, "init").code());
        Fixture.Result r = fx.run(ws, "prune", "--keep-last", "1", "--yes");
        assertEquals(1, r.code(), r.all());
        assertEquals("continuum: the vault has no sessions: nothing to prune\n", r.err());
        Repos.fingerprint(fx.vault());
    }
}
