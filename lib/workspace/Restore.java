package lib.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import lib.base.Errors;
import lib.base.Profile;
import lib.base.UserError;
import lib.git.Remotes;
import lib.session.Session;
import lib.session.SessionFolder;
import lib.session.SessionMetadata.GitInfo;
import lib.term.Text;

/**
 * Puts a saved git state back into a clean repository: the branch at the saved HEAD (unpushed
 * commits included), the work tree equal to the snapshot, the index as it was staged. Everything
 * comes from workspace.bundle; the wip branch on origin is never needed.
 */
public final class Restore {
    private static final String TEMP = "refs/continuum-restore/";

    /**
     * What was done, for the ✓ lines: the branch (null: detached), whether it had to be a new one,
     * the operation put back in progress and what of it could not be, the files kept aside.
     */
    public record Outcome(String branch, boolean movedToNewBranch, String head, String operation,
                          String operationProblem, int kept, Path keptIn) {
    }

    private Restore() {
    }

    public static boolean isClean(Repository repo) throws IOException {
        try (Git git = new Git(repo)) {
            return git.status().call().isClean();
        } catch (GitAPIException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The work-tree files a reset and clean would change or delete: modified, added, untracked, conflicting. */
    public static java.util.Set<String> changedPaths(Repository repo) throws IOException {
        try (Git git = new Git(repo)) {
            var st = git.status().call();
            java.util.Set<String> paths = new java.util.TreeSet<>();
            paths.addAll(st.getModified());
            paths.addAll(st.getChanged());
            paths.addAll(st.getAdded());
            paths.addAll(st.getUntracked());
            paths.addAll(st.getConflicting());
            return paths;
        } catch (GitAPIException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * True when the repository is already exactly in the saved state (same branch, HEAD, index
     * and work tree): the usual case when resuming on the machine that saved, before any change.
     */
    public static boolean matches(Repository repo, GitInfo g) throws IOException {
        return matches(repo, g, CaptureOptions.defaults());
    }

    /** As matches, with the same options (rules, limits) the save used to decide what it left out. */
    public static boolean matches(Repository repo, GitInfo g, CaptureOptions options) throws IOException {
        String snapshotTree = g.snapshotTree();
        String indexTree = g.indexTree();
        if (snapshotTree == null || indexTree == null) {
            return false;
        }
        boolean detached = g.detached();
        String current = repo.getFullBranch();
        boolean sameBranch = detached ? !current.startsWith(Constants.R_HEADS)
                : (Constants.R_HEADS + g.branch()).equals(current);
        if (!sameBranch) {
            return false;
        }
        WorkTree.Trees now = WorkTree.currentTrees(repo, options);
        return java.util.Objects.equals(now.head(), id(g.head()))
                && now.index().name().equals(indexTree) && now.worktree().name().equals(snapshotTree);
    }

    /** emptyWorkTree: the repository was just cloned without a checkout, so nothing is on disk yet. */
    public static Outcome restore(Repository repo, Session s, Remotes remotes, boolean emptyWorkTree)
            throws IOException {
        GitInfo g = s.git();
        ObjectId head = id(g.head());
        ObjectId snapshot = id(g.snapshotCommit());
        ObjectId index = id(g.indexCommit());
        if (snapshot == null || index == null) {
            throw new UserError("session " + s.id() + " has no snapshot commit in its metadata");
        }
        String branch = g.detached() ? null : g.branch();
        if (branch != null && !Branches.isValidName(branch)) {
            throw new UserError("session " + s.id() + " is refused: it names a branch git does not allow ('"
                    + Text.oneLine(branch, 60) + "')");
        }
        ObjectId operation = g.operation() == null ? null : id(g.operation().commit());
        LargeFiles.Restoring large = null;
        try (Git git = new Git(repo)) {
            large = fetchBundle(git, s.folder(), remotes);
            Profile.mark("bundle fetched");
            try (RevWalk rw = new RevWalk(repo)) {
                RevCommit snap = rw.parseCommit(snapshot);
                RevCommit idx = rw.parseCommit(index);
                // The trees are checked while the large files' blobs still go in on another thread.
                TreeCheck.check(rw.getObjectReader(), s.id(), snap.getTree().getId(), idx.getTree().getId());
                if (operation != null) {
                    Operation.check(rw.getObjectReader(), operation, s.id());
                }
                if (large != null) {
                    large.await(); // its blobs are in before anything in the workspace changes
                }
                ObjectId currentHead = repo.resolve(Constants.HEAD + "^{commit}");
                ObjectId oldTree = currentHead == null || emptyWorkTree ? null
                        : rw.parseCommit(currentHead).getTree().getId();
                KeptFiles kept = new KeptFiles(repo);
                if (!emptyWorkTree) {
                    keepUntrackedInTheWay(repo, snap.getTree().getId(), kept);
                }
                Profile.mark("trees checked");
                String target = moveRefs(repo, rw, branch, head, s.id());
                boolean exact = checkout(repo, oldTree, snap.getTree().getId(), idx.getTree().getId());
                Profile.mark("files checked out and index written");
                if (!exact && s.meta().continuumVersion() != null && !s.meta().continuumVersion().startsWith("0.1.")) {
                    ExactBytes.rewriteConverted(repo, snap.getTree().getId()); // older versions saved converted bytes
                }
                String opProblem = operation == null ? null : Operation.restore(repo, operation);
                if (target != null && target.equals(branch)) {
                    restoreUpstream(repo, branch, g.upstream());
                }
                return new Outcome(target, branch != null && !branch.equals(target), head == null ? null : head.name(),
                        g.operation() == null ? null : g.operation().kind(), opProblem, kept.count(), kept.dir());
            }
        } finally {
            if (large != null) {
                large.settle(); // at once when awaited; after a failed check, the blobs stop going in before the refs go
            }
            deleteTempRefs(repo);
        }
    }

    /** Fetches the session's bundle; the large files beside it are returned still going in (null: none). */
    private static LargeFiles.Restoring fetchBundle(Git git, SessionFolder folder, Remotes remotes) throws IOException {
        Path bundle = folder.bundle();
        if (!Files.isRegularFile(bundle)) {
            throw new UserError("the session has no workspace.bundle");
        }
        List<RefSpec> specs = List.of(new RefSpec("+refs/continuum/*:" + TEMP + "continuum/*"),
                new RefSpec("+refs/heads/*:" + TEMP + "heads/*"));
        LargeFiles.Restoring large = LargeFiles.restore(git.getRepository(), folder);
        if (large != null) {
            // JGit accepts a bundle's prerequisites only when a ref reaches them.
            RefUpdate u = git.getRepository().updateRef(TEMP + "large-files");
            u.setNewObjectId(large.commit());
            u.forceUpdate();
        }
        try {
            fetchFrom(git, bundle, specs, remotes);
        } catch (IOException | RuntimeException e) {
            if (large != null) {
                large.settle();
            }
            throw e;
        }
        return large;
    }

    private static void fetchFrom(Git git, Path bundle, List<RefSpec> specs, Remotes remotes) throws IOException {
        try {
            git.fetch().setRemote(bundle.toUri().toString()).setRefSpecs(specs).call();
        } catch (GitAPIException | RuntimeException first) {
            // The bundle assumes commits of the upstream; a stale clone may lack them: fetch origin once.
            if (git.getRepository().getConfig().getString("remote", "origin", "url") == null) {
                throw new UserError("cannot read the session's bundle: " + Errors.oneLine(first));
            }
            try {
                remotes.call("fetching origin", git.fetch().setRemote("origin"), org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
                git.fetch().setRemote(bundle.toUri().toString()).setRefSpecs(specs).call();
            } catch (Exception second) {
                throw new UserError("cannot restore from the session's bundle: " + Errors.oneLine(second)
                        + " (the commits it builds on are not in this repository or its origin)");
            }
        }
    }

    /** Points the branch (or a detached HEAD) at the saved commit; returns the branch used. */
    private static String moveRefs(Repository repo, RevWalk rw, String branch, ObjectId head, String sessionId)
            throws IOException {
        if (branch == null) {
            RefUpdate u = repo.updateRef(Constants.HEAD, true);
            u.setNewObjectId(head);
            check(u.forceUpdate(), "HEAD");
            return null;
        }
        String target = branch;
        if (head != null) {
            Ref existing = repo.exactRef(Constants.R_HEADS + branch);
            if (existing != null && !existing.getObjectId().equals(head)) {
                RevCommit tip = rw.parseCommit(existing.getObjectId());
                if (!rw.isMergedInto(tip, rw.parseCommit(head))) {
                    // The branch has commits the session never saw: never move it.
                    target = branch + "-restored-" + sessionId.substring(sessionId.length() - 8);
                }
            }
            RefUpdate u = repo.updateRef(Constants.R_HEADS + target);
            u.setNewObjectId(head);
            u.setRefLogMessage("continuum: restore " + sessionId, false);
            check(u.forceUpdate(), target);
        }
        RefUpdate h = repo.updateRef(Constants.HEAD);
        check(h.link(Constants.R_HEADS + target), "HEAD");
        return target;
    }

    /**
     * The branch tracks what it tracked when saved (refs/remotes/origin/x: remote origin, merge
     * refs/heads/x), when this repository has that remote and the branch tracks nothing yet.
     */
    private static void restoreUpstream(Repository repo, String branch, String upstream) throws IOException {
        if (upstream == null || !upstream.startsWith(Constants.R_REMOTES)) {
            return;
        }
        String rest = upstream.substring(Constants.R_REMOTES.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return;
        }
        String remote = rest.substring(0, slash);
        String merge = Constants.R_HEADS + rest.substring(slash + 1);
        var cfg = repo.getConfig();
        if (cfg.getString("remote", remote, "url") == null || cfg.getString("branch", branch, "remote") != null
                || !Repository.isValidRefName(merge) || !Repository.isValidRefName(upstream)) {
            return;
        }
        cfg.setString("branch", branch, "remote", remote);
        cfg.setString("branch", branch, "merge", merge);
        cfg.save();
    }

    private static void check(RefUpdate.Result r, String what) throws IOException {
        switch (r) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {
            }
            default -> throw new IOException("could not update " + what + " (" + r + ")");
        }
    }

    /**
     * Puts newTree's files in the work tree and indexTree in the index; true when every file was
     * written as its blob's bytes (the fast checkout, where no conversion can apply).
     */
    private static boolean checkout(Repository repo, ObjectId oldTree, ObjectId newTree, ObjectId indexTree) throws IOException {
        if (oldTree == null && isEmptyWorkTree(repo) && FastCheckout.tryCheckout(repo, newTree, indexTree)) {
            return true;
        }
        DirCache dc = repo.lockDirCache();
        try {
            DirCacheCheckout co = oldTree == null ? new DirCacheCheckout(repo, dc, newTree)
                    : new DirCacheCheckout(repo, oldTree, dc, newTree);
            co.setFailOnConflict(true);
            co.checkout();
        } finally {
            dc.unlock();
        }
        writeIndex(repo, indexTree);
        return false;
    }

    /**
     * Files on disk that git does not track (ignored ones: the target is otherwise clean) where the
     * snapshot has a file: moved aside when they differ, never overwritten.
     */
    private static void keepUntrackedInTheWay(Repository repo, ObjectId snapshotTree, KeptFiles kept) throws IOException {
        Path root = repo.getWorkTree().toPath();
        DirCache index = repo.readDirCache();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(snapshotTree);
            tw.setRecursive(true);
            while (tw.next()) {
                String path = tw.getPathString();
                Path file = root.resolve(path);
                if (index.findEntry(path) >= 0 || !Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        || tw.getFileMode(0) == org.eclipse.jgit.lib.FileMode.GITLINK) {
                    continue;
                }
                byte[] saved = tw.getFileMode(0) == org.eclipse.jgit.lib.FileMode.SYMLINK ? null
                        : tw.getObjectReader().open(tw.getObjectId(0)).getBytes(Integer.MAX_VALUE);
                if (saved == null || Files.size(file) != saved.length || !java.util.Arrays.equals(Files.readAllBytes(file), saved)) {
                    kept.keep(path, true);
                }
            }
        }
    }

    private static boolean isEmptyWorkTree(Repository repo) throws IOException {
        try (var s = Files.list(repo.getWorkTree().toPath())) {
            return s.allMatch(p -> p.getFileName().toString().equals(".git"));
        }
    }

    /** The index as it was staged; entries equal to the work tree keep their stat data. */
    private static void writeIndex(Repository repo, ObjectId indexTree) throws IOException {
        DirCache dc = repo.lockDirCache();
        try {
            Map<String, DirCacheEntry> checkedOut = new HashMap<>();
            for (int i = 0; i < dc.getEntryCount(); i++) {
                checkedOut.put(dc.getEntry(i).getPathString(), dc.getEntry(i));
            }
            DirCacheBuilder b = dc.builder();
            try (TreeWalk tw = new TreeWalk(repo)) {
                tw.addTree(indexTree);
                tw.setRecursive(true);
                while (tw.next()) {
                    DirCacheEntry e = new DirCacheEntry(tw.getRawPath());
                    e.setFileMode(tw.getFileMode(0));
                    e.setObjectId(tw.getObjectId(0));
                    DirCacheEntry old = checkedOut.get(tw.getPathString());
                    if (old != null && old.getObjectId().equals(e.getObjectId()) && old.getFileMode() == e.getFileMode()) {
                        e.setLastModified(old.getLastModifiedInstant());
                        e.setLength(old.getLength());
                    } else if (old != null) {
                        FastCheckout.notClean(e, tw.getObjectReader());
                    }
                    b.add(e);
                }
            }
            b.commit();
        } finally {
            dc.unlock();
        }
    }

    /** Fills the work tree and index of a repository cloned without a checkout. */
    public static void checkoutHead(Repository repo) throws IOException {
        try (Git git = new Git(repo)) {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
        } catch (GitAPIException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** For sessions the original tool wrote: only a patch. Applies it to the work tree. */
    public static void applyPatch(Repository repo, Path patch) throws IOException {
        try (Git git = new Git(repo); InputStream in = Files.newInputStream(patch)) {
            git.apply().setPatch(in).call();
        } catch (GitAPIException e) {
            throw new UserError("the saved patch does not apply here: " + Errors.oneLine(e));
        }
    }

    private static void deleteTempRefs(Repository repo) {
        try {
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(TEMP)) {
                RefUpdate u = repo.updateRef(r.getName());
                u.setForceUpdate(true);
                u.delete();
            }
        } catch (IOException ignored) {
            // leftovers under refs/continuum-restore/ are harmless and replaced next time
        }
    }

    private static ObjectId id(String hex) {
        return hex == null || !ObjectId.isId(hex) ? null : ObjectId.fromString(hex);
    }
}
