package commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import support.Cli;
import support.Fixture;
import support.FixtureTest;
import support.JGitMeasurements;

class InstallTest extends FixtureTest {
    @Test
    void onANewMachineInstallHasJGitMeasureTheDiskOnceSoThatNoSaveHasTo() throws Exception {
        // A home of its own holds no JGit settings: to JGit, a machine where it never measured a disk.
        Path home = fx.dir("home-without-jgit-settings");
        String first = install(home);
        assertTrue(first.contains("  … Measuring how finely the disk of " + fx.dir("cache").resolve("continuum")
                + " keeps file times, once"), first);
        assertTrue(first.contains("  ✓ Measured file times, once: JGit keeps the result"), first);
        assertTrue(first.contains("  ✓ Installed " + fx.dir("bin").resolve("continuum")), first);
        assertTrue(JGitMeasurements.disksMeasured(home) >= 1, "JGit keeps the result: " + first);
        assertEquals(List.of(), JGitMeasurements.probesIn(fx.dir("cache").resolve("continuum")));
        String again = install(home);
        assertFalse(again.contains("Measur"), "known since the first install: " + again);
    }

    @Test
    void theDiskOfTheCloneItRunsFromIsMeasuredTooForTheProjectsBesideIt() throws Exception {
        Path clone = fx.dirOnAnotherDisk("continuum");
        Files.createDirectories(clone.resolve(".git"));
        Files.writeString(clone.resolve("continuum.java"), "");
        Path home = fx.dir("home-without-jgit-settings");
        install(home, clone);
        assertEquals(2, JGitMeasurements.disksMeasured(home), "the cache's disk and the clone's: " + JGitMeasurements.settings(home));
    }

    @Test
    void whereJGitCannotKeepItsMeasurementInstallSaysSoAndStillInstalls() throws Exception {
        Path home = fx.dir("home-whose-config-is-a-file");
        Files.writeString(home.resolve(".config"), "not a folder"); // JGit cannot write .config/jgit/config
        String out = install(home);
        assertTrue(out.contains("  ⚠ JGit could not keep its measurement"), out);
        assertFalse(out.contains("Measured"), out);
        assertTrue(out.contains("  ✓ Installed " + fx.dir("bin").resolve("continuum")), out);
    }

    @Test
    void aBinThatIsAFileIsOneLineAndNothingIsMeasuredOrWritten() throws Exception {
        Path file = Files.writeString(fx.dir("odd").resolve("bin"), "a file");
        fx.set("CONTINUUM_LAUNCHER", Cli.repoRoot().resolve("jbang").toString());
        Fixture.Result r = fx.run(fx.root, "install", "--bin", file.toString());
        assertEquals(1, r.code(), r.all());
        assertEquals("continuum: --bin " + file + " is not a folder (name a folder for the commands, e.g. --bin ~/bin)\n", r.err());
        assertEquals("", r.out());
        assertEquals("a file", Files.readString(file));
        assertFalse(Files.exists(fx.claude().resolve("commands/nightnight.md")));
        Fixture.Result under = fx.run(fx.root, "install", "--bin", file.resolve("sub").toString());
        assertEquals(1, under.code(), under.all());
        assertTrue(under.err().startsWith("continuum: cannot put the commands in " + file.resolve("sub") + ": " + file
                + " is not a writable folder"), under.err());
    }

    /** `continuum install` from this checkout, in a JVM of its own whose Java home folder is home. */
    private String install(Path home) throws Exception {
        return install(home, Cli.repoRoot());
    }

    /** The same, as run through the bootstrap of the clone at checkout. */
    private String install(Path home, Path checkout) throws Exception {
        ProcessBuilder pb = Cli.javaProcess(fx, fx.root, List.of("-Duser.home=" + home),
                "install", "--bin", fx.dir("bin").toString());
        pb.environment().put("CONTINUUM_LAUNCHER", checkout.resolve("jbang").toString());
        pb.environment().put("XDG_CACHE_HOME", fx.dir("cache").toString());
        pb.environment().remove("XDG_CONFIG_HOME");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
