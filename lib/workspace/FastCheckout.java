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
 * Writes a tree into an empty work tree on several threads, and the matching index. Only where
 * a file's bytes on disk are exactly its blob: no .gitattributes, no filters, no line-ending
 * conversion. Anywhere else JGit's own checkout does the work (slower, and knows all of that).
 */
final class FastCheckout {
    private record Entry(byte[] rawPath, String path, FileMode mode, ObjectId id) {
    }

    private FastCheckout() {
    }

    /** Returns false, having written nothing, when the tree or the config needs JGit's checkout. */
    static boolean tryCheckout(Repository repo, ObjectId tree) throws IOException {
        if (!plainBytes(repo)) {
            return false;
        }
        List<Entry> entries = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            while (tw.next()) {
                if (tw.getNameString().equals(".gitattributes")) {
                    return false;
                }
                entries.add(new Entry(tw.getRawPath(), tw.getPathString(), tw.getFileMode(0), tw.getObjectId(0)));
            }
        }
        Path root = repo.getWorkTree().toPath();
        write(repo, root, entries);
        DirCache dc = repo.lockDirCache();
        try {
            DirCacheBuilder b = dc.builder();
            for (Entry e : entries) {
                DirCacheEntry d = new DirCacheEntry(e.rawPath());
                d.setFileMode(e.mode());
                d.setObjectId(e.id());
                if (e.mode() != FileMode.GITLINK) {
                    BasicFileAttributes a = Files.readAttributes(root.resolve(e.path()), BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    d.setLastModified(a.lastModifiedTime().toInstant());
                    d.setLength(a.size());
                }
                b.add(d);
            }
            b.commit();
        } finally {
            dc.unlock();
        }
        return true;
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

    private static void write(Repository repo, Path root, List<Entry> entries) throws IOException {
        // Each folder once, parents first, before the files: asking for a folder that exists costs an
        // exception, and there is one ask per file otherwise.
        java.util.Set<Path> dirs = new java.util.TreeSet<>();
        for (Entry e : entries) {
            Path file = root.resolve(e.path());
            dirs.add(e.mode() == FileMode.GITLINK ? file : file.getParent());
        }
        for (Path d : dirs) {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(d);
            }
        }
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    try (ObjectReader reader = repo.newObjectReader()) {
                        for (int i = first; i < entries.size(); i += threads) {
                            writeOne(reader, root, entries.get(i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the work tree", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void writeOne(ObjectReader reader, Path root, Entry e) throws IOException {
        Path file = root.resolve(e.path());
        if (e.mode() == FileMode.GITLINK) {
            return; // a submodule's place (made above), left to be cloned
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
    }
}
