package lib.git;

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
    }
}
