package lib.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

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
}
