package commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.Repos;

class DoctorTest extends FixtureTest {
    Path ws;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.root.resolve("ws");
        Repos.init(ws).close();
        Repos.write(ws, "a.txt", "a\n");
        fx.useVaultRemote();
        assertEquals(0, fx.run(ws, "save", "-m", "one").code());
    }

    @Test
    void aHealthyVaultPassesAndMissingPiecesAreNamedWithTheirFix() throws Exception {
        Fixture.Result r = fx.run(ws, "doctor");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ✓ 1 session(s) complete\n"), r.out());
        assertTrue(r.out().contains("  ✓ Remote " + fx.vaultRemote() + " is reachable\n"), r.out());
        assertTrue(r.out().contains("  ⚠ /nightnight is not installed: run 'continuum install-command'\n"), r.out());
        assertTrue(r.out().contains("  ✓ Layout 2 (each session under its own ref), "), r.out());
        assertTrue(r.out().contains("; 1 session(s) listed, 1 of them here in full\n"), r.out());
    }

    @Test
    void aListedSessionWhoseRefIsGoneEverywhereFailsAndFixDropsIt() throws Exception {
        fx.set("CONTINUUM_REPO_URL", null);
        assertEquals(0, fx.run(ws, "save", "-m", "two", "--no-push").code());
        String gone;
        try (org.eclipse.jgit.api.Git g = org.eclipse.jgit.api.Git.open(fx.vault().toFile())) {
            var config = g.getRepository().getConfig();
            config.unsetSection("remote", "origin");
            config.save();
            var ref = g.getRepository().getRefDatabase().getRefsByPrefix("refs/continuum/sessions/").get(0);
            gone = ref.getName().substring("refs/continuum/sessions/".length());
            var u = g.getRepository().updateRef(ref.getName());
            u.setForceUpdate(true);
            u.delete();
        }
        lib.base.FileUtil.deleteTree(fx.vault().resolve("sessions").resolve(gone));
        Fixture.Result r = fx.run(ws, "doctor");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("  ✗ 1 listed session(s) exist nowhere, here or on the remote: " + gone), r.out());
        Fixture.Result fixed = fx.run(ws, "doctor", "--fix");
        assertTrue(fixed.out().contains("  ✓ Dropped 1 list entry whose session exists nowhere\n"), fixed.out());
        assertEquals(0, fx.run(ws, "doctor").code(), "sound again");
        assertTrue(!fx.run(ws, "list", "--all").out().contains(gone));
    }

    @Test
    void damagedSessionsAndAnUnreachableRemoteFail() throws Exception {
        Path session = Files.list(fx.vault().resolve("sessions")).findFirst().orElseThrow();
        Files.writeString(session.resolve("workspace.bundle"), "# v2 git bundle\n");
        Files.createDirectories(fx.vault().resolve("sessions/session-20990101-000000-00000000"));
        Files.writeString(fx.vault().resolve("sessions/session-20990101-000000-00000000/metadata.json"), "{");
        fx.set("CONTINUUM_REPO_URL", fx.root.resolve("gone.git").toString());
        Fixture.Result r = fx.run(ws, "doctor");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("  ✗ Session " + session.getFileName() + ": workspace.bundle is cut short\n"), r.out());
        assertTrue(r.out().contains("  ✗ Session session-20990101-000000-00000000: metadata.json is unreadable\n"), r.out());
        assertTrue(r.out().contains("  ✗ Remote " + fx.root.resolve("gone.git") + " cannot be reached: "), r.out());
    }
}
