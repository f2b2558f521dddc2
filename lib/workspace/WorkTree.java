package lib.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lib.secrets.SecretFiles;
import lib.secrets.SecretScan;
import lib.session.SessionMetadata.LeftOut;
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
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Reads the work tree and the index into tree objects, the way `git stash -u` sees them, without
 * writing either: what is staged, and what is on disk (untracked included, ignored excluded),
 * with secrets, oversized and special files left out and named, in the index as in the work tree.
 * A file git would convert (line endings, filters) is taken as its bytes on disk, so restoring it
 * gives those bytes back exactly. The work tree's own pass is WorkTreeWalk.
 */
final class WorkTree {
    private WorkTree() {
    }

    /** HEAD, staged tree and work-tree tree as ids only: nothing is written anywhere. */
    record Trees(ObjectId head, ObjectId index, ObjectId worktree) {
    }

    static Trees currentTrees(Repository repo, CaptureOptions opts) throws IOException {
        try (ObjectInserter ids = new IdOnlyInserter(); ObjectReader reader = repo.newObjectReader()) {
            DirCache index = repo.readDirCache();
            ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
            Map<String, DirCacheEntry> staged = stagedToLeaveOut(reader, head, index, opts, new ArrayList<>());
            ObjectId indexTree = indexTree(index, staged, ids);
            ObjectId worktree = WorkTreeWalk.tree(repo, index, staged, ids, opts, new ArrayList<>(), null, LargeFileStamps.NONE,
                    NullProgressMonitor.INSTANCE);
            return new Trees(head, indexTree, worktree);
        }
    }

    /** Computes object ids the way an inserter would, and stores nothing. */
    private static final class IdOnlyInserter extends ObjectInserter.Formatter {
        @Override
        public ObjectId insert(int type, long length, InputStream in) throws IOException {
            return idFor(type, length, in);
        }
    }

    /**
     * The staged tree, with the staged files that may not travel (see stagedToLeaveOut) at HEAD's
     * version or left out. Mid-merge, a conflicted path keeps "ours" (stage 2); its stages are
     * saved by Operation.
     */
    static ObjectId indexTree(DirCache index, Map<String, DirCacheEntry> replace, ObjectInserter ins) throws IOException {
        if (replace.isEmpty()) {
            try {
                return index.writeTree(ins);
            } catch (UnmergedPathException e) {
                // rebuilt below without the conflict stages
            }
        }
        DirCache flat = DirCache.newInCore();
        DirCacheBuilder b = flat.builder();
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry e = index.getEntry(i);
            if (e.getStage() != DirCacheEntry.STAGE_0 && e.getStage() != DirCacheEntry.STAGE_2) {
                continue;
            }
            String path = e.getPathString();
            if (replace.containsKey(path)) {
                DirCacheEntry atHead = replace.get(path);
                if (atHead != null) {
                    b.add(atHead);
                }
                continue;
            }
            DirCacheEntry copy = new DirCacheEntry(e.getRawPath());
            copy.setFileMode(e.getFileMode());
            copy.setObjectId(e.getObjectId());
            b.add(copy);
        }
        b.finish();
        return flat.writeTree(ins);
    }

    /**
     * Staged files that may not travel (a secret-looking name, a key or token inside, over the size
     * limit): path -> HEAD's entry for it, or null when HEAD has none. Neither the index tree nor
     * the work-tree tree may carry their staged content.
     */
    static Map<String, DirCacheEntry> stagedToLeaveOut(ObjectReader reader, ObjectId head, DirCache index,
                                                               CaptureOptions opts, List<LeftOut> skipped)
            throws IOException {
        Map<String, DirCacheEntry> out = new HashMap<>();
        try (TreeWalk tw = new TreeWalk(reader); RevWalk rw = new RevWalk(reader)) {
            int headIdx = head == null ? tw.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator())
                    : tw.addTree(rw.parseCommit(head).getTree());
            int dcIdx = tw.addTree(new DirCacheIterator(index));
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                DirCacheIterator dci = tw.getTree(dcIdx, DirCacheIterator.class);
                if (dci == null || dci.getDirCacheEntry().getStage() != 0) {
                    continue; // removed from the index, or a conflict (handled by Operation)
                }
                FileMode mode = tw.getFileMode(dcIdx);
                if (mode == FileMode.GITLINK || mode == FileMode.SYMLINK) {
                    continue;
                }
                String path = tw.getPathString();
                String reason = stagedReason(reader, path, tw.getObjectId(dcIdx), opts);
                if (reason != null) {
                    skipped.add(new LeftOut(path, reason));
                    DirCacheEntry atHead = null;
                    if (tw.getRawMode(headIdx) != 0) {
                        atHead = new DirCacheEntry(tw.getRawPath());
                        atHead.setFileMode(tw.getFileMode(headIdx));
                        atHead.setObjectId(tw.getObjectId(headIdx));
                    }
                    out.put(path, atHead);
                }
            }
        }
        return out;
    }

    private static String stagedReason(ObjectReader reader, String path, ObjectId blob, CaptureOptions opts)
            throws IOException {
        if (!opts.includeSecrets() && SecretFiles.looksSecret(path)) {
            return "staged, and looks like a secret (--include-secrets keeps it)";
        }
        long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
        if (size > opts.maxFileBytes()) {
            return "staged, and larger than " + (opts.maxFileBytes() >> 20) + " MB";
        }
        if (!opts.includeSecrets()) {
            try (InputStream in = reader.open(blob, Constants.OBJ_BLOB).openStream()) {
                String kind = SecretScan.kindIn(in, opts.rules());
                if (kind != null) {
                    return "staged, and holds a secret (" + kind + "; --include-secrets keeps it)";
                }
            }
        }
        return null;
    }
}
