package lib.workspace;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import lib.base.FileUtil;
import lib.base.Env;
import lib.base.UserError;
import lib.git.GitUrls;
import lib.git.LocalClone;
import lib.git.Remotes;
import lib.session.Session;
import lib.session.SessionId;
import lib.term.Progress;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;

/**
 * Decides where a session is restored: --workspace; else the current folder when it is a clone of
 * the same project; else the recorded workspace path when it is that project; else a fresh clone
 * of the recorded origin (into the current folder when it is empty, else into a new sub-folder).
 * Choosing makes at most the new folder; {@link #make} clones into it, so that the conversation
 * can be placed while the clone runs.
 */
public final class RestoreTarget {
    /** The folder chosen and how it came to be, for the ✓ line; fresh when it is a new folder that make() fills. */
    public record Choice(Path dir, String how, boolean fresh) {
        Choice(Path dir, String how) {
            this(dir, how, false);
        }
    }

    private RestoreTarget() {
    }

    /**
     * Fails, before the vault is fetched or anything printed, for a --workspace that can be neither
     * used nor made: a file, or a path under one. (A folder the system refuses to make, as under
     * /proc, is found when it is made.)
     */
    public static void checkAsked(Path explicit) {
        if (explicit == null) {
            return;
        }
        if (Files.exists(explicit) && !Files.isDirectory(explicit)) {
            throw new UserError(explicit + " is a file, not a folder: choose another --workspace");
        }
        for (Path p = explicit.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new UserError("cannot make the folder " + explicit + " (" + p + " is a file): choose another --workspace");
                }
                return;
            }
        }
    }

    public static Choice choose(Path explicit, Path cwd, Session s) throws IOException {
        String origin = s.remoteUrl();
        Path recorded = recordedPath(s);
        if (!s.isRepo()) {
            if (explicit != null) {
                return new Choice(explicit, "as asked");
            }
            return recorded != null && Files.isDirectory(recorded) ? new Choice(recorded, "where it was saved")
                    : new Choice(cwd, "current folder");
        }
        if (explicit != null) {
            Path root = repoRoot(explicit);
            if (root != null) {
                return new Choice(root, "as asked");
            }
            if (Files.exists(explicit) && !isEmptyDir(explicit)) {
                throw new UserError(explicit + " is not a git repository and not empty: choose another --workspace");
            }
            return fresh(explicit, origin);
        }
        Path here = repoRoot(cwd);
        if (here != null && sameProject(here, origin, s)) {
            return new Choice(here, "current folder");
        }
        Path there = recorded == null ? null : repoRoot(recorded);
        if (there != null && sameProject(there, origin, s)) {
            return new Choice(there, "where it was saved");
        }
        Path dest = isEmptyDir(cwd) ? cwd : freshDir(cwd, origin, s);
        return fresh(dest, origin);
    }

    /** The saved workspace path, when it is a usable absolute path (metadata is not trusted blindly). */
    private static Path recordedPath(Session s) {
        String p = s.workspacePath();
        if (p == null || p.indexOf('\0') >= 0) {
            return null;
        }
        try {
            Path path = Path.of(p);
            return path.isAbsolute() && path.getParent() != null ? path.normalize() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A new folder for a clone of origin (a new repository without one): checked, made, still empty. */
    private static Choice fresh(Path dest, String origin) throws IOException {
        if (origin != null) {
            String problem = GitUrls.problem(origin);
            if (problem != null) {
                throw new UserError("the session's origin cannot be cloned (" + problem + "): restore with --workspace "
                        + "into a clone you made");
            }
        }
        try {
            Files.createDirectories(dest);
        } catch (IOException e) {
            String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : "it cannot be made there";
            throw new UserError("cannot make the folder " + dest + " (" + why + "): choose another --workspace", e);
        }
        return new Choice(dest, origin != null ? "cloned from " + GitUrls.withoutCredentials(origin)
                : "new repository: the session's project had no origin", true);
    }

    /** Clones the session's origin into a fresh choice's folder (or makes a repository there); nothing for any other. */
    public static void make(Choice c, Session s, Remotes remotes, Env env) throws IOException {
        if (!c.fresh()) {
            return;
        }
        String origin = s.remoteUrl();
        if (origin != null) {
            cloneOrigin(origin, c.dir(), s, remotes, env);
            return;
        }
        try {
            String branch = s.git().detached() || !Branches.isValidName(s.git().branch()) ? "main" : s.git().branch();
            Git.init().setDirectory(c.dir().toFile()).setInitialBranch(branch).call().close();
        } catch (GitAPIException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Clones the session's origin into dir, or says in one line why it cannot. */
    private static void cloneOrigin(String origin, Path dir, Session s, Remotes remotes, Env env) {
        IOException local = null;
        try {
            if (new LocalClone(origin).setDirectory(dir).setProgressMonitor(Progress.of(env)).call()) {
                return;
            }
        } catch (IOException e) {
            local = e; // its files changed under the links (a repack, say): JGit's clone reads them afresh
        }
        Exception failed;
        try {
            clone(origin, Constants.HEAD, dir, remotes, env);
            return;
        } catch (Exception e) {
            failed = e;
        }
        if (namesAbsentBranch(failed, Constants.HEAD)) {
            // The origin's HEAD names a branch it does not have (a bare repository whose default
            // branch was never pushed): git clones it all the same, so this clones a branch it has.
            try {
                String branch = branchToClone(origin, s, remotes, env);
                if (branch != null) {
                    clone(origin, branch, dir, remotes, env);
                    return;
                }
            } catch (Exception e) {
                failed = e;
            }
        }
        // Both failed: what the origin's own files showed says more than JGit's server did.
        throw new UserError("cannot clone " + GitUrls.withoutCredentials(origin) + " into " + dir + ": "
                + Remotes.explain(local != null ? local : failed, env));
    }

    /** A clone of origin into dir, leaving nothing behind when it fails. */
    private static void clone(String origin, String branch, Path dir, Remotes remotes, Env env) throws Exception {
        try {
            // No checkout: the restore writes the snapshot's files once, straight from the bundle.
            remotes.call("cloning the project", Git.cloneRepository().setURI(origin)
                    .setBranch(branch).setDirectory(dir.toFile()).setNoCheckout(true), Progress.of(env)).close();
        } catch (Exception e) {
            FileUtil.deleteTree(dir.resolve(".git"));
            throw e;
        }
    }

    /** True when JGit failed for want of that branch on the remote (its own sentence, in any language it has). */
    private static boolean namesAbsentBranch(Throwable e, String branch) {
        String absent = MessageFormat.format(JGitText.get().remoteBranchNotFound, branch);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (absent.equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** The session's branch when the origin has it, else the first branch the origin has; null for none. */
    private static String branchToClone(String origin, Session s, Remotes remotes, Env env) throws Exception {
        Collection<Ref> heads = remotes.call("listing the project's branches",
                Git.lsRemoteRepository().setRemote(origin).setHeads(true), Progress.of(env));
        String own = s.git().branch() == null ? null : Constants.R_HEADS + s.git().branch();
        return heads.stream().map(Ref::getName)
                .sorted(Comparator.comparing((String name) -> !name.equals(own)).thenComparing(Comparator.naturalOrder()))
                .findFirst().orElse(null);
    }

    private static Path freshDir(Path cwd, String origin, Session s) {
        String name = origin != null ? origin.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "")
                .replaceAll(".*[/:\\\\]", "") : null;
        if (name == null || name.isBlank()) {
            Path recorded = recordedPath(s);
            name = recorded != null && recorded.getFileName() != null ? recorded.getFileName().toString() : "workspace";
        }
        if (!name.matches("[A-Za-z0-9._@+-]+") || name.startsWith(".")) {
            name = "workspace";
        }
        Path dir = cwd.resolve(name);
        if (Files.exists(dir) && !isEmptyDir(dir)) {
            dir = cwd.resolve(name + "-" + SessionId.shortId(s.id()));
        }
        return dir;
    }

    static boolean sameProject(Path repoRoot, String origin, Session s) throws IOException {
        try (Workspace ws = Workspace.open(repoRoot)) {
            if (origin == null) {
                // Nothing recorded to compare (a local-only project, or the original tool): the same path is.
                Path recorded = recordedPath(s);
                return recorded != null && ws.root().equals(FileUtil.realPath(recorded));
            }
            return ws.project() != null && Objects.equals(ws.project(), GitUrls.normalize(origin));
        }
    }

    /** The work tree's root for a folder inside one, else null. */
    private static Path repoRoot(Path dir) {
        try (Workspace ws = Workspace.open(dir)) {
            return ws.isRepo() ? ws.root() : null;
        } catch (IOException | UserError e) {
            return null;
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
