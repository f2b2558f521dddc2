package lib.workspace;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.secrets.SecretFiles;
import lib.secrets.SecretScan;
import lib.session.SessionMetadata.LeftOut;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.CoreConfig.EolStreamType;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;

/**
 * WorkTree's pass over the index and the work tree side by side, the way `git add -A` would see
 * the files (untracked included, ignored excluded), an entry at a time: an unchanged file keeps
 * its index entry without being read; a changed one is scanned and stored as a blob, or left out
 * and named (a secret, over the size limit, unreadable, a pipe or socket).
 */
final class WorkTreeWalk {
    private final TreeWalk tw;
    private final int dcIdx;
    private final int wtIdx;
    private final Path root;
    private final DirCacheBuilder out;
    private final Map<String, DirCacheEntry> staged;
    private final ObjectInserter ins;
    private final CaptureOptions opts;
    private final List<LeftOut> skipped;
    private final Set<ObjectId> large;
    private final LargeFileStamps stamps;
    private final ObjectReader stored;
    private final ProgressMonitor progress;
    private String lastPath;

    /**
     * The work tree as a tree object, with what may not travel left out and named in skipped;
     * large collects the blobs of changed files of LargeFiles.MIN_BYTES or more, when not null;
     * those whose stamps still hold are not read (their blobs must be readable through ins).
     */
    static ObjectId tree(Repository repo, DirCache index, Map<String, DirCacheEntry> staged, ObjectInserter ins,
                         CaptureOptions opts, List<LeftOut> skipped, Set<ObjectId> large, LargeFileStamps stamps,
                         ProgressMonitor progress) throws IOException {
        DirCache snapshot = DirCache.newInCore();
        DirCacheBuilder out = snapshot.builder();
        try (TreeWalk tw = new TreeWalk(repo); ObjectReader stored = stamps == LargeFileStamps.NONE ? null : ins.newReader()) {
            WorkTreeWalk walk = new WorkTreeWalk(repo, tw, index, out, staged, ins, opts, skipped, large, stamps, stored,
                    progress);
            // One call per entry: the JVM compiles a method after a few hundred calls but a loop's
            // body only after tens of thousands of turns, more than most work trees have entries;
            // interpreted, this loop cost a save of 20,000 files ~25 ms of CPU (~10 ms of its time).
            while (tw.next()) {
                walk.entry();
            }
        }
        out.finish();
        return snapshot.writeTree(ins);
    }

    private WorkTreeWalk(Repository repo, TreeWalk tw, DirCache index, DirCacheBuilder out, Map<String, DirCacheEntry> staged,
                         ObjectInserter ins, CaptureOptions opts, List<LeftOut> skipped, Set<ObjectId> large,
                         LargeFileStamps stamps, ObjectReader stored, ProgressMonitor progress) {
        this.tw = tw;
        this.root = repo.getWorkTree().toPath();
        this.out = out;
        this.staged = staged;
        this.ins = ins;
        this.opts = opts;
        this.skipped = skipped;
        this.large = large;
        this.stamps = stamps;
        this.stored = stored;
        this.progress = progress;
        dcIdx = tw.addTree(new DirCacheIterator(index));
        FileTreeIterator files = new FileTreeIterator(repo);
        wtIdx = tw.addTree(files);
        files.setDirCacheIterator(tw, dcIdx);
        tw.setRecursive(false);
    }

    private void entry() throws IOException {
        DirCacheIterator dci = tw.getTree(dcIdx, DirCacheIterator.class);
        WorkingTreeIterator wti = tw.getTree(wtIdx, WorkingTreeIterator.class);
        DirCacheEntry tracked = dci == null ? null : dci.getDirCacheEntry();
        if (dci == null && wti != null && wti.isEntryIgnored()) {
            return; // ignored and untracked: never saved (build output, node_modules, ...)
        }
        if (tw.isSubtree()) {
            Path dir = root.resolve(tw.getPathString());
            if (wti != null && !Files.isReadable(dir) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                skipped.add(new LeftOut(tw.getPathString() + "/", "unreadable folder (permission denied)"));
            }
            tw.enterSubtree();
            return;
        }
        progress.update(1);
        String path = tw.getPathString();
        if (path.equals(lastPath)) {
            return; // further conflict stages of a path already taken
        }
        lastPath = path;
        if (wti == null) {
            if (tracked != null && (tracked.isSkipWorkTree() || tracked.getStage() > 0)) {
                add(tw.getRawPath(), tracked.getFileMode(), tracked.getObjectId());
            }
            return; // otherwise deleted in the work tree
        }
        FileMode mode = tracked != null ? wti.getIndexFileMode(dci) : wti.getEntryFileMode();
        if (wti.getEntryLength() == 0 && isSpecialFile(wti, mode)) {
            // A named pipe or socket would block the first read forever.
            skipped.add(new LeftOut(path, "not a regular file (pipe, socket or device)"));
            if (tracked != null) {
                add(tw.getRawPath(), tracked.getFileMode(), tracked.getObjectId());
            }
            return;
        }
        if (mode == FileMode.GITLINK) {
            ObjectId commit = wti.getEntryObjectId(); // the submodule's checked-out commit
            add(tw.getRawPath(), mode, commit);
            String dirty = Submodules.unsavedWork(root.resolve(path));
            if (dirty != null) {
                skipped.add(new LeftOut(path + "/", dirty));
            }
            return;
        }
        if (staged.containsKey(path)) {
            tracked = staged.get(path); // what may stand in for it: HEAD's version, or nothing
        }
        boolean converted = converts(wti, mode);
        if (!converted && tracked != null && !staged.containsKey(path) && tracked.getStage() == 0
                && !wti.isModified(tracked, true, tw.getObjectReader())) {
            add(tw.getRawPath(), mode, tracked.getObjectId());
            return;
        }
        Path stampable = stampable(wti, mode, converted);
        ObjectId known = stampable == null ? null : stamps.idOf(path, stampable, wti.getEntryLength());
        if (known != null && !stored.has(known)) {
            known = null; // stamped by a save whose vault commit never happened, or since pruned
        }
        String reason = leaveOutReason(path, wti, mode, opts, known == null);
        if (reason == null) {
            try {
                ObjectId id = known != null ? known : blob(wti, mode, converted, ins);
                add(tw.getRawPath(), mode, id);
                if (large != null && wti.getEntryLength() >= LargeFiles.MIN_BYTES) {
                    large.add(id);
                }
                if (stampable != null) {
                    stamps.saw(path, stampable, wti.getEntryLength(), id);
                }
                return;
            } catch (ReadFailed e) {
                reason = "unreadable (" + e.getCause().getMessage() + ")";
            }
        }
        skipped.add(new LeftOut(path, reason));
        if (tracked != null) {
            add(tw.getRawPath(), tracked.getFileMode(), tracked.getObjectId());
        }
    }

    /** True when git would change this file's bytes on the way in (line endings, a clean filter). */
    private static boolean converts(WorkingTreeIterator wti, FileMode mode) throws IOException {
        if (mode == FileMode.SYMLINK) {
            return false;
        }
        EolStreamType eol = wti.getEolStreamType();
        return (eol != null && eol != EolStreamType.DIRECT) || wti.getCleanFilterCommand() != null;
    }

    /**
     * JGit reports pipes, sockets and devices as ordinary empty files; a stat tells them apart
     * (asked of empty files only: one stat more per file of a large work tree adds up).
     */
    private static boolean isSpecialFile(WorkingTreeIterator wti, FileMode mode) {
        if (!(wti instanceof FileTreeIterator files) || (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE)) {
            return false;
        }
        Path p = files.getEntryFile().toPath();
        return !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                && !Files.isSymbolicLink(p) && Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The file itself when it is a large one whose blob is its bytes on disk as they are (no line
     * endings or filter to apply), to look up in the stamps; else null.
     */
    private static Path stampable(WorkingTreeIterator wti, FileMode mode, boolean converted) {
        if (converted || wti.getEntryLength() < LargeFiles.MIN_BYTES || mode == FileMode.SYMLINK
                || !(wti instanceof FileTreeIterator files)) {
            return null;
        }
        return files.getEntryFile().toPath();
    }

    /** Why a changed file stays out of the vault, or null; its content is scanned only when scan is set. */
    private static String leaveOutReason(String path, WorkingTreeIterator wti, FileMode mode, CaptureOptions opts,
                                         boolean scan) {
        if (mode == FileMode.SYMLINK) {
            return null;
        }
        if (!opts.includeSecrets() && SecretFiles.looksSecret(path)) {
            return "looks like a secret (--include-secrets keeps it)";
        }
        if (wti.getEntryLength() > opts.maxFileBytes()) {
            return "larger than " + (opts.maxFileBytes() >> 20) + " MB";
        }
        if (!opts.includeSecrets() && scan) {
            String kind = secretInside(wti, opts);
            if (kind != null) {
                return "holds a secret (" + kind + "; --include-secrets keeps it)";
            }
        }
        return null;
    }

    /** A changed file that holds a key or token would carry it into the bundle in clear. */
    private static String secretInside(WorkingTreeIterator wti, CaptureOptions opts) {
        try (InputStream in = wti.openEntryStream()) {
            return SecretScan.kindIn(in, opts.rules());
        } catch (IOException e) {
            return null; // unreadable files are reported when their content is read
        }
    }

    /**
     * The file's blob: its bytes on disk when git would convert them, else what git would store.
     * Only a failure to read the file is the file's problem (ReadFailed); a failure to write the
     * object (a full disk) fails the capture.
     */
    private static ObjectId blob(WorkingTreeIterator wti, FileMode mode, boolean raw, ObjectInserter ins)
            throws IOException {
        InputStream opened;
        long length;
        try {
            if (raw && wti instanceof FileTreeIterator files) {
                Path p = files.getEntryFile().toPath();
                length = Files.size(p);
                opened = Files.newInputStream(p);
            } else {
                length = wti.getEntryContentLength();
                opened = wti.openEntryStream();
            }
        } catch (IOException e) {
            throw new ReadFailed(e);
        }
        try (InputStream in = new ReadChecked(opened)) {
            return ins.insert(Constants.OBJ_BLOB, length, in);
        } catch (java.io.EOFException e) {
            throw new ReadFailed(new IOException("it changed while it was being saved", e));
        }
    }

    /** A file that could not be read: left out and named, unlike any other failure. */
    private static final class ReadFailed extends IOException {
        ReadFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Tells a failed read of the file apart from a failed write of its object. */
    private static final class ReadChecked extends FilterInputStream {
        ReadChecked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new ReadFailed(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new ReadFailed(e);
            }
        }
    }

    private void add(byte[] path, FileMode mode, ObjectId id) {
        DirCacheEntry e = new DirCacheEntry(path);
        e.setFileMode(mode);
        e.setObjectId(id);
        out.add(e);
    }
}
