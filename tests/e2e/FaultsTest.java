package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import support.Cli;
import support.Fixture;
import support.FixtureTest;
import support.RemoteVault;
import support.Repos;
import support.VaultCheck;

/** Saves killed with SIGKILL half-way, saves at the same time, offline saves synced later. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FaultsTest extends FixtureTest {
    Path ws;
    Path remote;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        remote = fx.useVaultRemote();
    }

    @Test
    void aResumeFromAnOriginThatLacksAnObjectItNamesIsOneLineWithoutAStackTrace() throws Exception {
        Path origin = fx.root.resolve("origin.git");
        Repos.setOrigin(ws, origin.toString());
        assertEquals(0, fx.run(ws, "save", "-m", "before the origin broke", "--no-wip-push").code());
        Files.writeString(origin.resolve("refs/heads/broken"), "0123456789abcdef0123456789abcdef01234567\n");
        Path into = fx.root.resolve("elsewhere");
        // A child JVM: JGit's in-process server writes to the process's own standard error.
        Fixture.Result r = Cli.run(Cli.javaProcess(fx, fx.root, "resume", "latest", "--no-launch", "--workspace",
                into.toString()).command(), Cli.childEnv(fx), fx.root, 120);
        assertEquals(1, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("continuum: cannot clone " + origin + " into " + into + ": its refs/heads/broken names "
                + "0123456789abcdef0123456789abcdef01234567, which it does not hold\n", r.err());
        assertFalse(Files.exists(into.resolve(".git")), "no half clone is left");
    }

    /** Starts a save that stops at `step` and returns once it is there. */
    private Process saveParkedAt(String step, long pauseMillis) throws Exception {
        ProcessBuilder pb = Cli.javaProcess(fx, ws, "save", "-m", "parked at " + step, "--no-wip-push");
        pb.environment().put("CONTINUUM_TEST_PAUSE_AT", step);
        pb.environment().put("CONTINUUM_TEST_PAUSE_MS", String.valueOf(pauseMillis));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null && !line.equals("paused at " + step)) {
            // JVM noise, if any
        }
        assertEquals("paused at " + step, line, "the save reached " + step);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-conversation", "before-commit", "after-session-ref", "after-move", "before-push",
            "between-session-and-list"})
    void aSaveKilledAtAnyStepLeavesASoundVaultAndTheNextSaveFinishesTheJob(String step) throws Exception {
        Map<String, String> before = Repos.fingerprint(ws);
        fx.run(ws, "init"); // the vault exists before the crash
        Process p = saveParkedAt(step, 120_000);
        p.toHandle().destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));

        Set<String> afterCrash = VaultCheck.assertSound(fx.vault());
        assertEquals(before, Repos.fingerprint(ws), "the workspace is untouched");

        Fixture.Result next = fx.run(ws, "save", "-m", "next", "--no-wip-push");
        assertEquals(0, next.code(), next.all());
        assertTrue(next.out().contains("  ✓ Pushed to private repo"), next.out());
        Set<String> sessions = VaultCheck.assertSound(fx.vault());
        try (var left = Files.list(fx.vault().resolve(".git/continuum-staging"))) {
            assertEquals(0, left.count(), "no half-written session is left");
        }
        boolean committed = !step.equals("after-conversation") && !step.equals("before-commit");
        assertEquals(committed ? 2 : 1, sessions.size(), "sessions committed: " + sessions);
        if (step.equals("after-move") || step.equals("after-session-ref")) {
            assertTrue(next.out().contains("  ✓ Recovered 1 session(s) from an interrupted save"), next.out());
        }
        try (RemoteVault r = RemoteVault.at(remote)) {
            assertEquals(sessions, r.listed(), "all of them reached the remote's list");
            assertEquals(sessions, r.sessionRefs(), "each under its own ref");
        }
        for (String id : sessions) {
            Fixture.Result shown = fx.run(ws, "show", id);
            assertEquals(0, shown.code(), shown.all());
            assertTrue(Files.isRegularFile(fx.vault().resolve("sessions").resolve(id).resolve("workspace.bundle")), id + " is whole");
        }
        assertTrue(afterCrash.size() <= sessions.size());
    }

    @Test
    void aPushCutBetweenTheSessionAndTheListIsFoundAndRepairedByDoctor() throws Exception {
        fx.run(ws, "init");
        Process p = saveParkedAt("between-session-and-list", 120_000);
        p.toHandle().destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        try (RemoteVault r = RemoteVault.at(remote)) {
            assertEquals(1, r.sessionRefs().size(), "the session reached the remote");
            assertTrue(r.listed().isEmpty(), "its list did not");
        }
        Fixture.Result doctor = fx.run(ws, "doctor");
        assertTrue(doctor.out().contains("  ⚠ 1 session(s) on the remote are missing from its list (a push cut short): "),
                doctor.out());
        Fixture.Result fixed = fx.run(ws, "doctor", "--fix");
        assertTrue(fixed.out().contains("  ✓ Pushed the repaired list to " + remote), fixed.out());
        try (RemoteVault r = RemoteVault.at(remote)) {
            assertEquals(r.sessionRefs(), r.listed());
        }
        assertFalse(fx.run(ws, "doctor").out().contains("missing from its list"));
    }

    @Test
    void twoSavesAtOnceBothSucceedOneAfterTheOther() throws Exception {
        fx.run(ws, "init");
        Process first = saveParkedAt("after-move", 8000); // holds the vault lock; long enough for a slow JVM start
        Fixture.Result second = Cli.run(Cli.javaProcess(fx, ws, "save", "-m", "second", "--no-wip-push").command(),
                Cli.childEnv(fx), ws, 120);
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue());
        assertEquals(0, second.code(), second.all());
        assertTrue(second.out().contains("  … waiting for another save to finish\n"), second.out());
        assertEquals(2, VaultCheck.assertSound(fx.vault()).size());
    }

    @Test
    void syncOnANewMachineClonesTheVault() throws Exception {
        assertEquals(0, fx.run(ws, "save", "-m", "from the laptop", "--no-wip-push").code());
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", remote.toString());
            Fixture.Result r = other.run(ws, "sync");
            assertEquals(0, r.code(), r.all());
            assertTrue(other.run(ws, "list").out().contains("from the laptop"));
        }
    }

    @Test
    void offlineSavesAreMarkedAndSyncPushesThem() throws Exception {
        Path later = fx.root.resolve("later.git");
        fx.set("CONTINUUM_REPO_URL", later.toString());
        assertEquals(0, fx.run(ws, "save", "-m", "on the train", "--no-wip-push").code());
        assertEquals(0, fx.run(ws, "save", "-m", "still offline", "--no-wip-push").code());
        assertEquals(2, fx.run(ws, "list").out().split("not synced", -1).length - 1);

        Fixture.Result failing = fx.run(ws, "sync");
        assertEquals(1, failing.code());
        assertTrue(failing.err().startsWith("continuum: could not pull from " + later), failing.err());

        Repos.bare(later);
        Fixture.Result sync = fx.run(ws, "sync");
        assertEquals(0, sync.code(), sync.all());
        assertEquals("  ✓ Pulled from " + later + "\n  ✓ Pushed to " + later + "\n", sync.out());
        assertFalse(fx.run(ws, "list").out().contains("not synced"));
        try (RemoteVault r = RemoteVault.at(later)) {
            assertEquals(2, r.listed().size());
        }
    }

    /** A save in a child JVM with the given extra variables, started now; its output is read when it ends. */
    private Process startSave(Fixture who, Map<String, String> extra, String... args) throws Exception {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("save", "--no-wip-push"));
        all.addAll(java.util.List.of(args));
        ProcessBuilder pb = Cli.javaProcess(who, ws, all.toArray(String[]::new));
        pb.environment().putAll(extra);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void twoFirstSavesRacingToCreateTheVaultBothSucceed() throws Exception {
        fx.set("CONTINUUM_REPO_URL", null);
        for (int round = 0; round < 3; round++) {
            Path home = fx.root.resolve("vault-" + round);
            Map<String, String> vault = Map.of("CONTINUUM_HOME", home.toString());
            Process a = startSave(fx, vault);
            Process b = startSave(fx, vault);
            finish(a);
            finish(b);
            assertEquals(2, VaultCheck.assertSound(home).size(), "round " + round);
        }
    }

    @Test
    void aResumePullingTheVaultWaitsForTheSaveThatHoldsTheLock() throws Exception {
        assertEquals(0, fx.run(ws, "save", "-m", "first", "--no-wip-push").code());
        Process parked = saveParkedAt("after-move", 4000);
        Fixture.Result resume = fx.run(fx.dir("elsewhere"), "resume", "latest", "--no-launch", "--workspace",
                fx.root.resolve("elsewhere").toString());
        assertEquals(0, resume.code(), resume.all());
        assertTrue(resume.out().contains("  … waiting for another save to finish"), resume.out());
        assertTrue(parked.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, parked.exitValue());
        VaultCheck.assertSound(fx.vault());
    }

    @Test
    void twoMachinesPushingAtOnceBothReachTheRemote() throws Exception {
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", remote.toString());
            assertEquals(0, fx.run(ws, "init").code());
            assertEquals(0, other.run(ws, "init").code());
            for (int round = 0; round < 4; round++) {
                Process a = startSave(fx, Map.of(), "-m", "A" + round);
                Process b = startSave(other, Map.of(), "-m", "B" + round);
                String outA = finish(a);
                String outB = finish(b);
                assertTrue(outA.contains("  ✓ Pushed to private repo"), "round " + round + ": " + outA);
                assertTrue(outB.contains("  ✓ Pushed to private repo"), "round " + round + ": " + outB);
            }
            try (RemoteVault r = RemoteVault.at(remote)) {
                assertEquals(8, r.listed().size());
                assertEquals(r.listed(), r.sessionRefs());
            }
        }
    }

    /** A git:// server on 127.0.0.1 that accepts every connection and never says a word. */
    private static final class SilentServer implements AutoCloseable {
        private final java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final java.util.List<java.net.Socket> held = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        SilentServer() throws java.io.IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(socket.accept()); // accepted, never answered
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "git://127.0.0.1:" + socket.getLocalPort() + "/vault.git";
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
            for (java.net.Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aVaultRemoteThatNeverAnswersCannotHangASaveNorHoldUpAnother() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            fx.set("CONTINUUM_REPO_URL", null);
            assertEquals(0, fx.run(ws, "init").code());
            Map<String, String> stuck = Map.of("CONTINUUM_REPO_URL", silent.url(), "CONTINUUM_NET_TIMEOUT", "3");
            long start = System.nanoTime();
            Process pushing = startSave(fx, stuck);
            Fixture.Result local = fx.run(ws, "save", "--no-push", "--no-wip-push");
            assertEquals(0, local.code(), local.all());
            assertFalse(local.out().contains("waiting for another save"), local.out());
            String out = finish(pushing);
            assertTrue(out.contains("  ⚠ Warning: Failed to push to continuum repo"), out);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(90), "bounded by the network timeout");
        }
    }

    /**
     * A new machine whose vault remote never answers: the save waits for it once, while fetching the
     * vault, and its push is not tried; the next save's push gives up after the timeout itself (a
     * push says it is opening its connection before the remote has answered: not a sign of life).
     * Each wait says so on a line of its own once the remote is slow, so that no command sits silent.
     */
    @Test
    void aVaultRemoteThatNeverAnswersIsWaitedForOnceAndForTheTimeoutAloneSayingSo() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            fx.set("CONTINUUM_REPO_URL", silent.url()).set("CONTINUUM_NET_TIMEOUT", "4");
            Fixture.Result first = fx.run(ws, "save", "--no-wip-push");
            assertEquals(0, first.code(), first.all());
            assertTrue(first.out().contains("  … Fetching your vault from " + silent.url() + "\n"
                    + "  … No answer yet from " + silent.url() + " (reading the vault's refs): waiting up to 4 s\n"
                    + "  ⚠ could not clone " + silent.url() + " (reading the vault's refs got no answer"
                    + " for 4 s (CONTINUUM_NET_TIMEOUT sets the limit)); started a local vault that will merge on push\n"), first.out());
            assertTrue(first.out().contains("  ⚠ Warning: Failed to push to continuum repo (pushing the vault not tried, since"
                    + " reading the vault's refs got no answer for 4 s (CONTINUUM_NET_TIMEOUT sets the limit))\n"), first.out());
            assertEquals(1, first.out().split("No answer yet", -1).length - 1, first.out());

            Fixture.Result again = fx.run(ws, "save", "--no-wip-push");
            assertEquals(0, again.code(), again.all());
            assertTrue(again.out().contains("  … No answer yet from " + silent.url() + " (pushing the vault): waiting up to 4 s\n"
                    + "  ⚠ Warning: Failed to push to continuum repo (pushing the vault got no answer"
                    + " for 4 s (CONTINUUM_NET_TIMEOUT sets the limit))\n"), again.out());

            Fixture.Result resume = fx.run(ws, "resume", "latest", "--no-launch");
            assertEquals(0, resume.code(), resume.all());
            assertTrue(resume.out().startsWith("  … No answer yet from " + silent.url() + " (fetching the vault's list): waiting up to 4 s\n"
                    + "🔄 Restoring session"), resume.out());
        }
    }
}
