package lib.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.UnmergedPathException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import lib.secrets.SecretFiles;
import lib.secrets.SecretScan;
import lib.session.SessionMetadata.LeftOut;

/**
 * Reads the work tree and the index into tree objects, the way `git stash -u` sees them, without
 * writing either: what is staged, and what is on disk (untracked included, ignored excluded),
 * with secrets, oversized and special files left out and named.
 */
final class WorkTree {
    private WorkTree() {
    }

    /** HEAD, staged tree and work-tree tree as ids only: nothing is written anywhere. */
    public record Trees(ObjectId head, ObjectId index, ObjectId worktree) {
    }

    public static Trees currentTrees(Repository repo, CaptureOptions opts) throws IOException {
        try (ObjectInserter ids = new IdOnlyInserter()) {
            DirCache index = repo.readDirCache();
            ObjectId indexTree = indexTree(index, ids);
            ObjectId worktree = worktreeTree(repo, index, ids, opts, new ArrayList<>(), null, NullProgressMonitor.INSTANCE);
            return new Trees(repo.resolve(Constants.HEAD + "^{commit}"), indexTree, worktree);
        }
    }

    /** Computes object ids the way an inserter would, and stores nothing. */
    private static final class IdOnlyInserter extends ObjectInserter.Formatter {
        @Override
        public ObjectId insert(int type, long length, InputStream in) throws IOException {
            return idFor(type, length, in);
        }
    }

    static ObjectId indexTree(DirCache index, ObjectInserter ins) throws IOException {
        try {
            return index.writeTree(ins);
        } catch (UnmergedPathException e) {
            // Mid-merge: keep stage 0 and "ours" (stage 2) for each conflicted path; the state is recorded.
            DirCache flat = DirCache.newInCore();
            DirCacheBuilder b = flat.builder();
            for (int i = 0; i < index.getEntryCount(); i++) {
                DirCacheEntry e2 = index.getEntry(i);
                if (e2.getStage() != DirCacheEntry.STAGE_0 && e2.getStage() != DirCacheEntry.STAGE_2) {
                    continue;
                }
                DirCacheEntry copy = new DirCacheEntry(e2.getRawPath());
                copy.setFileMode(e2.getFileMode());
                copy.setObjectId(e2.getObjectId());
                b.add(copy);
            }
            b.finish();
            return flat.writeTree(ins);
        }
    }


    /** large collects the blobs of changed files of LargeFiles.MIN_BYTES or more, when not null. */
    static ObjectId worktreeTree(Repository repo, DirCache index, ObjectInserter ins, CaptureOptions opts,
                                 List<LeftOut> skipped, java.util.Set<ObjectId> large, ProgressMonitor progress)
            throws IOException {
        DirCache snapshot = DirCache.newInCore();
        DirCacheBuilder out = snapshot.builder();
        try (TreeWalk tw = new TreeWalk(repo)) {
            int dcIdx = tw.addTree(new DirCacheIterator(index));
            FileTreeIterator files = new FileTreeIterator(repo);
            int wtIdx = tw.addTree(files);
            files.setDirCacheIterator(tw, dcIdx);
            tw.setRecursive(false);
            String lastPath = null;
            while (tw.next()) {
                DirCacheIterator dci = tw.getTree(dcIdx, DirCacheIterator.class);
                WorkingTreeIterator wti = tw.getTree(wtIdx, WorkingTreeIterator.class);
                DirCacheEntry tracked = dci == null ? null : dci.getDirCacheEntry();
                if (dci == null && wti != null && wti.isEntryIgnored()) {
                    continue; // ignored and untracked: never saved (build output, node_modules, ...)
                }
                if (tw.isSubtree()) {
                    tw.enterSubtree();
                    continue;
                }
                progress.update(1);
                String path = tw.getPathString();
                if (path.equals(lastPath)) {
                    continue; // further conflict stages of a path already taken
                }
                lastPath = path;
                if (wti == null) {
                    if (tracked != null && (tracked.isSkipWorkTree() || tracked.getStage() > 0)) {
                        add(out, tw.getRawPath(), tracked.getFileMode(), tracked.getObjectId());
                    }
                    continue; // otherwise deleted in the work tree
                }
                FileMode mode = tracked != null ? wti.getIndexFileMode(dci) : wti.getEntryFileMode();
                if (isSpecialFile(wti, mode)) {
                    // A named pipe or socket would block the first read forever.
                    skipped.add(new LeftOut(path, "not a regular file (pipe, socket or device)"));
                    if (tracked != null) {
                        add(out, tw.getRawPath(), tracked.getFileMode(), tracked.getObjectId());
                    }
                    continue;
                }
                if (tracked != null && tracked.getStage() == 0 && !wti.isModified(tracked, true, tw.getObjectReader())) {
                    add(out, tw.getRawPath(), mode, tracked.getObjectId());
                    continue;
                }
                String reason = leaveOutReason(path, wti, mode, opts);
                if (reason == null) {
                    try {
                        ObjectId id = blob(wti, mode, ins);
                        add(out, tw.getRawPath(), mode, id);
                        if (large != null && mode != FileMode.GITLINK && wti.getEntryLength() >= LargeFiles.MIN_BYTES) {
                            large.add(id);
                        }
                        continue;
                    } catch (IOException e) {
                        reason = "unreadable (" + e.getMessage() + ")";
                    }
                }
                skipped.add(new LeftOut(path, reason));
                if (tracked != null) {
                    add(out, tw.getRawPath(), tracked.getFileMode(), tracked.getObjectId());
                }
            }
        }
        out.finish();
        return snapshot.writeTree(ins);
    }

    /** JGit reports pipes, sockets and devices as ordinary files; a stat tells them apart. */
    private static boolean isSpecialFile(WorkingTreeIterator wti, FileMode mode) {
        if (!(wti instanceof FileTreeIterator files) || (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE)) {
            return false;
        }
        Path p = files.getEntryFile().toPath();
        return !Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !Files.isSymbolicLink(p) && Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    private static String leaveOutReason(String path, WorkingTreeIterator wti, FileMode mode, CaptureOptions opts) {
        if (mode == FileMode.GITLINK || mode == FileMode.SYMLINK) {
            return null;
        }
        if (!opts.includeSecrets() && SecretFiles.looksSecret(path)) {
            return "looks like a secret (use --include-secrets to keep it)";
        }
        if (wti.getEntryLength() > opts.maxFileBytes()) {
            return "larger than " + (opts.maxFileBytes() / (1024 * 1024)) + " MB";
        }
        if (!opts.includeSecrets()) {
            String kind = secretInside(wti);
            if (kind != null) {
                return "contains a secret (" + kind + "; use --include-secrets to keep it)";
            }
        }
        return null;
    }

    /** A changed text file that holds a key or token would carry it into the bundle in clear. */
    private static String secretInside(WorkingTreeIterator wti) {
        try (InputStream in = wti.openEntryStream()) {
            return SecretScan.kindIn(in);
        } catch (IOException e) {
            return null; // unreadable files are reported when their content is read
        }
    }

    private static ObjectId blob(WorkingTreeIterator wti, FileMode mode, ObjectInserter ins) throws IOException {
        if (mode == FileMode.GITLINK) {
            return wti.getEntryObjectId(); // the submodule's checked-out commit
        }
        long length = wti.getEntryContentLength();
        try (InputStream in = wti.openEntryStream()) {
            return ins.insert(Constants.OBJ_BLOB, length, in);
        }
    }

    private static void add(DirCacheBuilder out, byte[] path, FileMode mode, ObjectId id) {
        DirCacheEntry e = new DirCacheEntry(path);
        e.setFileMode(mode);
        e.setObjectId(id);
        out.add(e);
    }
}
