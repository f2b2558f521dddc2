package lib.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CoreConfig.EolStreamType;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.TreeWalk.OperationType;

/**
 * The snapshot holds the bytes that were on disk for files git converts (line endings, filters);
 * git's checkout would convert them again. After the checkout those files are written back as
 * the saved bytes, and the index is told their size and time so git sees them as they were.
 */
final class ExactBytes {
    private ExactBytes() {
    }

    static void rewriteConverted(Repository repo, ObjectId snapshotTree) throws IOException {
        Path root = repo.getWorkTree().toPath();
        Map<String, Path> written = new HashMap<>();
        try (TreeWalk tw = new TreeWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            tw.setOperationType(OperationType.CHECKOUT_OP);
            tw.addTree(snapshotTree);
            tw.setRecursive(true);
            while (tw.next()) {
                FileMode mode = tw.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                EolStreamType eol = tw.getEolStreamType(OperationType.CHECKOUT_OP);
                boolean converted = (eol != null && eol != EolStreamType.DIRECT) || tw.getSmudgeCommand(0) != null;
                if (!converted) {
                    continue;
                }
                Path file = root.resolve(tw.getPathString());
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (OutputStream out = Files.newOutputStream(file)) {
                    reader.open(tw.getObjectId(0)).copyTo(out);
                }
                written.put(tw.getPathString(), file);
            }
        }
        if (written.isEmpty()) {
            return;
        }
        // A file whose bytes, as git would store them, equal the staged blob gets the index's stat
        // data, so git does not see a change that is not there; any other keeps stale stat data
        // and git compares its content.
        DirCache dc = repo.lockDirCache();
        try (TreeWalk tw = new TreeWalk(repo)) {
            int dcIdx = tw.addTree(new DirCacheIterator(dc));
            FileTreeIterator files = new FileTreeIterator(repo);
            int wtIdx = tw.addTree(files);
            files.setDirCacheIterator(tw, dcIdx);
            tw.setRecursive(true);
            tw.setFilter(PathFilterGroup.createFromStrings(written.keySet()));
            while (tw.next()) {
                DirCacheIterator dci = tw.getTree(dcIdx, DirCacheIterator.class);
                WorkingTreeIterator wti = tw.getTree(wtIdx, WorkingTreeIterator.class);
                if (dci == null || wti == null) {
                    continue;
                }
                DirCacheEntry e = dci.getDirCacheEntry();
                e.setLength(0); // forget the stat of the converted file it replaced
                if (!wti.isModified(e, true, tw.getObjectReader())) {
                    BasicFileAttributes a = Files.readAttributes(written.get(tw.getPathString()),
                            BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    e.setLastModified(a.lastModifiedTime().toInstant());
                    e.setLength(a.size());
                }
            }
            dc.write();
            dc.commit();
        } finally {
            dc.unlock();
        }
    }
}
