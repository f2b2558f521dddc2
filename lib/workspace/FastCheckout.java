package lib.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes a tree into an empty work tree on several threads, and the index of another tree (what
 * was staged) in the same pass: each file's stat data is taken right after it is written, and
 * kept for the index wherever the staged entry is that same blob. Only where a file's bytes on
 * disk are exactly its blob: no .gitattributes, no filters, no line-ending conversion. Anywhere
 * else JGit's own checkout does the work (slower, and knows all of that).
 */
final class FastCheckout {
    /** A path in either tree; MISSING where that tree does not have it. */
    private record Entry(byte[] rawPath, String path, FileMode mode, ObjectId id, FileMode indexMode, ObjectId indexId) {
        boolean written() {
            return mode != FileMode.MISSING && mode != FileMode.TREE;
        }

        boolean staged() {
            return indexMode != FileMode.MISSING && indexMode != FileMode.TREE;
        }

        /** The file on disk is what the index entry names: its stat data may go into the index. */
        boolean cleanInIndex() {
            return written() && staged() && mode == indexMode && id.equals(indexId) && mode != FileMode.GITLINK;
        }
    }

    private FastCheckout() {
    }

    /**
     * Writes tree's files and an index of indexTree; returns false, having written nothing, when
     * the trees or the config need JGit's checkout.
     */
    static boolean tryCheckout(Repository repo, ObjectId tree, ObjectId indexTree) throws IOException {
        if (!plainBytes(repo)) {
            return false;
        }
        List<Entry> entries = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(tree);
            tw.addTree(indexTree);
            tw.setRecursive(true);
            while (tw.next()) {
                if (tw.getNameString().equals(".gitattributes")) {
                    return false;
                }
                entries.add(new Entry(tw.getRawPath(), tw.getPathString(), tw.getFileMode(0), tw.getObjectId(0),
                        tw.getFileMode(1), tw.getObjectId(1)));
            }
        }
        Path root = repo.getWorkTree().toPath();
        BasicFileAttributes[] stats = write(repo, root, entries);
        DirCache dc = repo.lockDirCache();
        try (ObjectReader reader = repo.newObjectReader()) {
            DirCacheBuilder b = dc.builder();
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (!e.staged()) {
                    continue;
                }
                DirCacheEntry d = new DirCacheEntry(e.rawPath());
                d.setFileMode(e.indexMode());
                d.setObjectId(e.indexId());
                if (e.cleanInIndex()) {
                    d.setLastModified(stats[i].lastModifiedTime().toInstant());
                    d.setLength(stats[i].size());
                } else if (e.written()) {
                    notClean(d, reader);
                }
                b.add(d);
            }
            b.commit();
        } finally {
            dc.unlock();
        }
        return true;
    }

    /**
     * Stat data for an index entry whose file is not its blob: the blob's size and no time. git and
     * JGit then compare the file, as they would on a length of 0; but on an entry of length 0 JGit,
     * writing the index, first hashes the file to see whether it has become clean since (never,
     * here): ~0.1 s for a few hundred changed files.
     */
    static void notClean(DirCacheEntry e, ObjectReader reader) throws IOException {
        if (e.getFileMode() == FileMode.GITLINK || !reader.has(e.getObjectId())) {
            return; // a length of 0 says the same (a staged blob the session lacks is git's to report)
        }
        e.setLength(reader.getObjectSize(e.getObjectId(), org.eclipse.jgit.lib.Constants.OBJ_BLOB));
    }

    private static boolean plainBytes(Repository repo) {
        Config c = repo.getConfig();
        String autocrlf = c.getString("core", null, "autocrlf");
        return (autocrlf == null || autocrlf.equalsIgnoreCase("false"))
                && c.getSubsections("filter").isEmpty()
                && c.getString("core", null, "attributesFile") == null
                && c.getBoolean("core", null, "symlinks", true)
                && !Files.exists(repo.getDirectory().toPath().resolve("info/attributes"))
                && !Files.exists(globalAttributes())
                && repo.getFS().supportsExecute() && repo.getFS().supportsSymlinks();
    }

    /** git's default global attributes file, used even when core.attributesFile is not set. */
    private static Path globalAttributes() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(org.eclipse.jgit.util.SystemReader.getInstance().getProperty("user.home"), ".config");
        return config.resolve("git").resolve("attributes");
    }

    /** Writes the entries' files; returns the stat data of each file written (null elsewhere). */
    private static BasicFileAttributes[] write(Repository repo, Path root, List<Entry> entries) throws IOException {
        // Each folder once, before the files, made with one call each: the work tree is empty, so
        // none exists yet. A folder's path begins with its parent's, so name order puts parents first.
        java.util.TreeSet<String> dirs = new java.util.TreeSet<>();
        for (Entry e : entries) {
            if (e.written()) {
                for (String d = e.mode() == FileMode.GITLINK ? e.path() : parent(e.path()); d != null && dirs.add(d); ) {
                    d = parent(d);
                }
            }
        }
        for (String d : dirs) {
            Path dir = root.resolve(d);
            try {
                Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
            }
        }
        BasicFileAttributes[] stats = new BasicFileAttributes[entries.size()];
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    try (ObjectReader reader = repo.newObjectReader()) {
                        for (int i = first; i < entries.size(); i += threads) {
                            if (entries.get(i).written()) {
                                stats[i] = writeOne(reader, root, entries.get(i));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : parts) {
                f.get(); // also makes each thread's stats visible here
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the work tree", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return stats;
    }

    /** The folder a tree path is in; null at the top. */
    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash > 0 ? path.substring(0, slash) : null;
    }

    private static BasicFileAttributes writeOne(ObjectReader reader, Path root, Entry e) throws IOException {
        Path file = root.resolve(e.path());
        if (e.mode() == FileMode.GITLINK) {
            return null; // a submodule's place (made above), left to be cloned
        } else if (e.mode() == FileMode.SYMLINK) {
            String target = new String(reader.open(e.id()).getBytes(), StandardCharsets.UTF_8);
            Files.createSymbolicLink(file, Path.of(target));
        } else {
            try (OutputStream out = Files.newOutputStream(file)) {
                reader.open(e.id()).copyTo(out);
            }
            if (e.mode() == FileMode.EXECUTABLE_FILE) {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
                // As git does: executable wherever readable.
                if (p.contains(PosixFilePermission.OWNER_READ)) {
                    p.add(PosixFilePermission.OWNER_EXECUTE);
                }
                if (p.contains(PosixFilePermission.GROUP_READ)) {
                    p.add(PosixFilePermission.GROUP_EXECUTE);
                }
                if (p.contains(PosixFilePermission.OTHERS_READ)) {
                    p.add(PosixFilePermission.OTHERS_EXECUTE);
                }
                Files.setPosixFilePermissions(file, p);
            }
        }
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }
}
