package lib.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
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
     * JGit measures how finely a file system keeps file times the first time it needs to know (a
     * save's walk of the work tree does; opening a repository does not): for ~3 s, with probe
     * files written in the folder it was looking at, on a thread of its own; it keeps the result
     * only when the measurement ends before the JVM. No continuum command lasts that long, so on a
     * machine where no JGit program ever finished one, every save measured again in the project's
     * own .git, after waiting up to 0.1 s on the command's thread, and could leave a `.probe-*`
     * file there when it ended mid-measurement. Asked first (on another thread) for a folder of
     * continuum's own, the vault's .git, JGit measures there for every folder on that file system
     * and answers the project's folders at once; probes an earlier command left there are removed.
     */
    public static void measureFileTimesIn(Path ownFolder) {
        apply();
        if (ownFolder != null && Files.isDirectory(ownFolder)) {
            removeStaleProbes(ownFolder);
            FS.FileStoreAttributes.get(ownFolder);
        }
    }

    /**
     * Which of continuum's own folders to ask first (see measureFileTimesIn) for a save of project:
     * the first on the project's disk, so that JGit measures there for the project's folders too;
     * else the first that exists (null: none does).
     */
    public static Path ownFolderFor(Path project, List<Path> ownFolders) {
        Path first = null;
        for (Path f : ownFolders) {
            if (!Files.isDirectory(f)) {
                continue;
            }
            first = first == null ? f : first;
            try {
                if (Files.getFileStore(f).equals(Files.getFileStore(project))) {
                    return f;
                }
            } catch (IOException | RuntimeException e) {
                // not comparable: the next one
            }
        }
        return first;
    }

    /** How asking JGit to measure a disk's file times went. */
    public enum Measurement { NO_FOLDER, ALREADY_KNOWN, KEPT, NOT_KEPT }

    /**
     * Has JGit measure file times on folder's file system to the end, in folder (one of continuum's
     * own, or a project's .git, where JGit measures during its saves anyway), so that it keeps the
     * result in its own settings (`~/.config/jgit/config`, once per file system and Java) and no
     * later command measures again: ~3 s the first time, at once where JGit already knows. Runs whenSlow
     * when the answer takes longer than half a second (it is being measured). A measurement made
     * now is KEPT once JGit's thread has written its settings (up to 2 s more: the JVM's end would
     * cut it short), NOT_KEPT when that never happened.
     */
    public static Measurement measureFileTimesToTheEnd(Path folder, Runnable whenSlow) {
        apply();
        if (!Files.isDirectory(folder)) {
            return Measurement.NO_FOLDER;
        }
        removeStaleProbes(folder);
        Path settings = jgitSettings();
        FileTime before = modified(settings);
        FS.FileStoreAttributes.setBackground(false);
        try {
            CompletableFuture<FS.FileStoreAttributes> answer = CompletableFuture.supplyAsync(() -> FS.FileStoreAttributes.get(folder));
            try {
                answer.get(500, TimeUnit.MILLISECONDS);
                return Measurement.ALREADY_KNOWN;
            } catch (TimeoutException e) {
                whenSlow.run();
                answer.get(30, TimeUnit.SECONDS); // JGit's own limits end it long before; never a hang
            }
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            return Measurement.NOT_KEPT;
        } finally {
            FS.FileStoreAttributes.setBackground(true);
        }
        return changesWithin(settings, before, 2_000) ? Measurement.KEPT : Measurement.NOT_KEPT;
    }

    /** Whether file's time moves on from before within millis (false for no file). */
    private static boolean changesWithin(Path file, FileTime before, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (file != null) {
            if (!Objects.equals(before, modified(file))) {
                return true;
            }
            if (System.nanoTime() >= end) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !Objects.equals(before, modified(file));
            }
        }
        return false;
    }

    /** The file JGit keeps its own settings in (its measurements among them). */
    private static Path jgitSettings() {
        try {
            return org.eclipse.jgit.util.SystemReader.getInstance().getJGitConfig() instanceof org.eclipse.jgit.storage.file.FileBasedConfig f
                    ? f.getFile().toPath() : null;
        } catch (IOException | org.eclipse.jgit.errors.ConfigInvalidException | RuntimeException e) {
            return null;
        }
    }

    private static FileTime modified(Path file) {
        try {
            return file == null ? null : Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** JGit's probe files an earlier command left in folder (a newer one may be another command's, in use). */
    static void removeStaleProbes(Path folder) {
        FileTime stale = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        try (Stream<Path> probes = Files.list(folder)) {
            for (Path p : (Iterable<Path>) probes.filter(p -> p.getFileName().toString().startsWith(".probe-"))::iterator) {
                if (Files.getLastModifiedTime(p).compareTo(stale) < 0) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // left for the next command
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
