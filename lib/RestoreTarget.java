package lib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * Decides where a session is restored (DESIGN §5): --workspace; else the current folder when it
 * is a clone of the same project; else the recorded workspace path when it is that project;
 * else a fresh clone of the recorded origin.
 */
public final class RestoreTarget {
    /** The folder chosen and how it came to be, for the ✓ line. */
    public record Choice(Path dir, String how, boolean fresh) {
        Choice(Path dir, String how) {
            this(dir, how, false);
        }
    }

    private RestoreTarget() {
    }

    public static Choice choose(Path explicit, Path cwd, SessionInfo s, Remotes remotes, Env env) throws IOException {
        String origin = s.remoteUrl();
        if (!s.isRepo()) {
            if (explicit != null) {
                return new Choice(explicit, "as asked");
            }
            Path recorded = s.workspacePath() == null ? null : Path.of(s.workspacePath());
            return recorded != null && Files.isDirectory(recorded) ? new Choice(recorded, "where it was saved")
                    : new Choice(cwd, "current folder");
        }
        if (explicit != null) {
            if (isRepo(explicit)) {
                return new Choice(root(explicit), "as asked");
            }
            if (Files.exists(explicit) && !isEmptyDir(explicit)) {
                throw new UserError(explicit + " is not a git repository and not empty: choose another --workspace");
            }
            return create(explicit, origin, s, remotes, env);
        }
        if (isRepo(cwd) && sameProject(root(cwd), origin, s)) {
            return new Choice(root(cwd), "current folder");
        }
        if (s.workspacePath() != null) {
            Path recorded = Path.of(s.workspacePath());
            if (isRepo(recorded) && sameProject(root(recorded), origin, s)) {
                return new Choice(root(recorded), "where it was saved");
            }
        }
        Path dest = isEmptyDir(cwd) ? cwd : freshDir(cwd, origin, s);
        return create(dest, origin, s, remotes, env);
    }

    private static Choice create(Path dest, String origin, SessionInfo s, Remotes remotes, Env env) throws IOException {
        Files.createDirectories(dest);
        if (origin != null) {
            try {
                // No checkout: the restore writes the snapshot's files once, straight from the bundle.
                remotes.apply(Git.cloneRepository().setURI(origin).setDirectory(dest.toFile()).setNoCheckout(true)
                        .setProgressMonitor(Progress.of(env))).call().close();
                return new Choice(dest, "cloned from " + Urls.withoutCredentials(origin), true);
            } catch (GitAPIException | RuntimeException e) {
                FileUtil.deleteTree(dest.resolve(".git"));
                throw new UserError("cannot clone " + Urls.withoutCredentials(origin) + " into " + dest + ": "
                        + Remotes.explain(e, env));
            }
        }
        try {
            Git.init().setDirectory(dest.toFile()).setInitialBranch(s.branch()).call().close();
        } catch (GitAPIException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new Choice(dest, "new repository (the session's project had no origin)", true);
    }

    private static Path freshDir(Path cwd, String origin, SessionInfo s) {
        String name = origin != null ? origin.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "")
                .replaceAll(".*[/:\\\\]", "") : null;
        if (name == null || name.isBlank()) {
            name = s.workspacePath() != null ? Path.of(s.workspacePath()).getFileName().toString() : "workspace";
        }
        Path dir = cwd.resolve(name);
        if (Files.exists(dir) && !isEmptyDir(dir)) {
            dir = cwd.resolve(name + "-" + s.id().substring(s.id().length() - 8));
        }
        return dir;
    }

    static boolean sameProject(Path repoRoot, String origin, SessionInfo s) throws IOException {
        try (Repository repo = WorkspaceSnapshot.open(repoRoot)) {
            String url = repo.getConfig().getString("remote", "origin", "url");
            if (origin == null) {
                // Nothing recorded to compare (a local-only project, or the original tool): the same path is.
                return s.workspacePath() != null
                        && ClaudeCode.realPath(repoRoot).equals(ClaudeCode.realPath(Path.of(s.workspacePath())));
            }
            return url != null && Objects.equals(normalize(url), normalize(origin));
        }
    }

    /** Two spellings of one remote compare equal: no credentials, no trailing slash or ".git". */
    public static String normalize(String url) {
        return Urls.withoutCredentials(url).replaceAll("/+$", "").replaceAll("\\.git$", "");
    }

    private static boolean isRepo(Path dir) {
        try (Repository repo = WorkspaceSnapshot.open(dir)) {
            return repo != null;
        } catch (IOException | UserError e) {
            return false;
        }
    }

    private static Path root(Path dir) throws IOException {
        try (Repository repo = WorkspaceSnapshot.open(dir)) {
            return ClaudeCode.realPath(repo.getWorkTree().toPath());
        }
    }

    private static boolean isEmptyDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return !Files.exists(dir);
        }
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
