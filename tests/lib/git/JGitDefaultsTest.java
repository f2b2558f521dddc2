package lib.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitDefaultsTest {
    @Test
    void aLinuxDistributionsGitIsNotRunToFindTheSystemSettings() throws Exception {
        Path git = lib.base.Env.system().findOnPath("git");
        Assumptions.assumeTrue(System.getenv("GIT_CONFIG_SYSTEM") == null, "GIT_CONFIG_SYSTEM is set here");
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && git != null && git.toRealPath().equals(Path.of("/usr/bin/git").toRealPath()),
                "the git on PATH is not a Linux distribution's /usr/bin/git");
        // Given to JGit before any repository opens, so that it never runs git to discover it.
        assertEquals(new File("/etc/gitconfig"), JGitDefaults.systemConfig());
    }

    @Test
    void probesAnEarlierCommandLeftInTheVaultAreRemovedAndAFreshOneIsLeftToItsOwner(@TempDir Path vaultGit) throws Exception {
        Path old = Files.writeString(vaultGit.resolve(".probe-left-an-hour-ago"), "a");
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path fresh = Files.writeString(vaultGit.resolve(".probe-of-a-command-still-running"), "b");
        Path ours = Files.writeString(vaultGit.resolve("config"), "[core]\n");
        Files.setLastModifiedTime(ours, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        JGitDefaults.removeStaleProbes(vaultGit);
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(ours), "only probes go");
    }
}
