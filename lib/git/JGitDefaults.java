package lib.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import lib.base.Env;
import org.eclipse.jgit.util.FS;

/**
 * JGit's settings for continuum, applied before the first repository is opened (by the vault,
 * the workspace and the remotes) rather than at start-up: `--version` and `--help` then never load
 * JGit at all.
 */
public final class JGitDefaults {
    private static boolean applied;

    private JGitDefaults() {
    }

    public static synchronized void apply() {
        if (applied) {
            return;
        }
        applied = true;
        // The JDK's SHA-1 (CPU intrinsics) is several times faster than JGit's collision-detecting
        // one; every object hashed here comes from the user's own disk or their own vault.
        if (System.getProperty("org.eclipse.jgit.util.sha1.implementation") == null) {
            System.setProperty("org.eclipse.jgit.util.sha1.implementation", "jdkNative");
        }
        // JGit would otherwise measure file-time resolution in the foreground on first use.
        FS.FileStoreAttributes.setBackground(true);
        File system = systemConfig();
        if (system != null) {
            FS.DETECTED.setGitSystemConfig(system);
        }
    }

    /**
     * Where git keeps the system's settings, when that is known without asking git: JGit would
     * otherwise run the git program twice on every start to find out. git's own variable says
     * it; a Linux distribution's git (/usr/bin/git) keeps them in /etc/gitconfig. Any other git
     * (built from source, Homebrew) is asked, as before.
     */
    static File systemConfig() {
        Env env = Env.system();
        String set = env.get("GIT_CONFIG_SYSTEM");
        if (set != null && !set.isEmpty()) {
            return new File(set);
        }
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        Path git = env.findOnPath("git");
        try {
            return git != null && git.toRealPath().equals(Path.of("/usr/bin/git").toRealPath()) ? new File("/etc/gitconfig") : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
