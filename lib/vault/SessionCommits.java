package lib.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lib.base.FileUtil;
import lib.git.LooseInserter;
import lib.session.SessionFolder;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Each session of the vault is a commit of its folder's files under its own ref,
 * refs/continuum/sessions/&lt;id&gt;: a machine fetches the sessions it shows or resumes and no
 * others, and pruning one is deleting its ref. A new description is a child commit that changes
 * only metadata.json.
 */
final class SessionCommits {
    static final String PREFIX = "refs/continuum/sessions/";

    private SessionCommits() {
    }

    static String ref(String id) {
        return PREFIX + id;
    }

    /** Every session ref this machine has: id to commit. */
    static Map<String, ObjectId> local(Repository repo) throws IOException {
        Map<String, ObjectId> out = new HashMap<>();
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(PREFIX)) {
            out.put(r.getName().substring(PREFIX.length()), r.getObjectId());
        }
        return out;
    }

    static ObjectId local(Repository repo, String id) throws IOException {
        Ref r = repo.exactRef(ref(id));
        return r == null ? null : r.getObjectId();
    }

    /** The vault's own inserter; an encrypted vault's files are ciphertext, which zlib cannot shrink: stored as they are. */
    private static ObjectInserter inserter(Repository repo, VaultCrypto crypto) throws IOException {
        return crypto.encrypted() ? LooseInserter.at(repo, java.util.zip.Deflater.NO_COMPRESSION) : repo.newObjectInserter();
    }

    /** A file already stored as a blob, reusable while the file keeps its size and time. */
    record StoredFile(long size, FileTime modified, String sealedFor, ObjectId blob) {
    }

    /**
     * Stores files as blobs ahead of their commit (a save stores its transcript while it is still
     * capturing the workspace). Objects need no lock: one nothing refers to is only unused.
     */
    static Map<Path, StoredFile> store(Repository repo, List<Path> files, VaultCrypto crypto) throws IOException {
        Map<Path, StoredFile> out = new HashMap<>();
        try (ObjectInserter ins = inserter(repo, crypto)) {
            boolean partsHeld = true; // every part so far was in the vault already
            for (Path f : files) {
                long size = Files.size(f);
                FileTime modified = Files.getLastModifiedTime(f);
                ObjectId id;
                if (crypto.encrypted() || !SessionFolder.isPart(f)) {
                    id = blob(repo, ins, f, crypto);
                } else {
                    // From the first new part on, the parts are new: not hashed once to look them up first.
                    id = partsHeld ? held(repo, f, size) : null;
                    partsHeld = id != null;
                    id = id != null ? id : insert(ins, f, size);
                }
                out.put(f, new StoredFile(size, modified, crypto.sealedFor(), id));
            }
            ins.flush();
        }
        return out;
    }

    /**
     * Commits every file of the folder (paths relative to it) and points the session's ref at it;
     * a file in ahead that has not changed since is not read again.
     */
    static ObjectId commitFolder(Repository repo, Path folder, String id, PersonIdent who, String message, VaultCrypto crypto,
                                 Map<Path, StoredFile> ahead) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(folder)) {
            files = all.filter(Files::isRegularFile).sorted().toList();
        }
        Path largeFiles = SessionFolder.at(folder).largeFilesDir();
        ObjectId commit;
        try (ObjectInserter ins = inserter(repo, crypto)) {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            for (Path f : files) {
                String path = folder.relativize(f).toString().replace('\\', '/');
                DirCacheEntry e = new DirCacheEntry(crypto.encrypted() ? path + VaultCrypto.SUFFIX : path);
                e.setFileMode(FileMode.REGULAR_FILE);
                StoredFile stored = ahead.get(f);
                boolean unchanged = stored != null && stored.size() == Files.size(f)
                        && stored.modified().equals(Files.getLastModifiedTime(f)) && stored.sealedFor().equals(crypto.sealedFor());
                ObjectId known = unchanged ? stored.blob() : crypto.encrypted() ? null : largeFile(repo, ins, largeFiles, f);
                e.setObjectId(known != null ? known : blob(repo, ins, f, crypto));
                b.add(e);
            }
            b.finish();
            commit = ins.insert(commit(dc.writeTree(ins), null, who, message));
            ins.flush();
        }
        VaultIndex.setRef(repo, ref(id), commit);
        return commit;
    }

    /**
     * A large file's blob. Such a file is named by its blob's id (LargeFiles), so it need not be
     * hashed to know it: a re-save usually carries the same ones, which the vault holds already
     * and are not read again; a new one is stored at once. Null for any other file.
     */
    private static ObjectId largeFile(Repository repo, ObjectInserter ins, Path largeFiles, Path f) throws IOException {
        String name = f.getFileName().toString();
        if (!f.getParent().equals(largeFiles) || !ObjectId.isId(name)) {
            return null;
        }
        ObjectId id = ObjectId.fromString(name);
        if (repo.getObjectDatabase().has(id)) {
            return id;
        }
        try (InputStream in = Files.newInputStream(f)) {
            return ins.insert(Constants.OBJ_BLOB, Files.size(f), in);
        }
    }

    /**
     * The file's blob in the vault. A re-save repeats most of its files (the transcript's earlier
     * parts, the same large files, which are named by that id): hashing one costs a fraction of
     * compressing it, so a file the vault already holds is only hashed.
     */
    private static ObjectId blob(Repository repo, ObjectInserter ins, Path f, VaultCrypto crypto) throws IOException {
        if (crypto.encrypted()) {
            return crypto.encryptedBlob(ins, f);
        }
        long size = Files.size(f);
        ObjectId id = held(repo, f, size);
        return id != null ? id : insert(ins, f, size);
    }

    /** The file's blob when the vault holds it (the file is only hashed), else null. */
    private static ObjectId held(Repository repo, Path f, long size) throws IOException {
        ObjectId id;
        try (InputStream in = Files.newInputStream(f); ObjectInserter.Formatter hash = new ObjectInserter.Formatter()) {
            id = hash.idFor(Constants.OBJ_BLOB, size, in);
        }
        return repo.getObjectDatabase().has(id) ? id : null;
    }

    private static ObjectId insert(ObjectInserter ins, Path f, long size) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            return ins.insert(Constants.OBJ_BLOB, size, in);
        }
    }

    /** A child of the session's commit whose metadata.json holds these bytes; the ref moves to it. */
    static ObjectId withMetadata(Repository repo, String id, byte[] metadata, PersonIdent who, String message, VaultCrypto crypto)
            throws IOException {
        ObjectId parent = local(repo, id);
        if (parent == null) {
            throw new IOException("session " + id + " is not in this vault");
        }
        ObjectId commit;
        try (ObjectInserter ins = repo.newObjectInserter(); RevWalk rw = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            DirCache dc = DirCache.read(reader, rw.parseCommit(parent).getTree());
            ObjectId blob = crypto.encrypted() ? crypto.encryptedBlob(ins, metadata) : ins.insert(Constants.OBJ_BLOB, metadata);
            DirCacheEditor ed = dc.editor();
            if (crypto.encrypted()) {
                ed.add(new DirCacheEditor.DeletePath(SessionFolder.METADATA));
            } else {
                ed.add(new DirCacheEditor.DeletePath(SessionFolder.METADATA + VaultCrypto.SUFFIX));
            }
            ed.add(new DirCacheEditor.PathEdit(SessionFolder.METADATA + (crypto.encrypted() ? VaultCrypto.SUFFIX : "")) {
                @Override
                public void apply(DirCacheEntry e) {
                    e.setFileMode(FileMode.REGULAR_FILE);
                    e.setObjectId(blob);
                }
            });
            ed.finish();
            commit = ins.insert(commit(dc.writeTree(ins), parent, who, message));
            ins.flush();
        }
        VaultIndex.setRef(repo, ref(id), commit);
        return commit;
    }

    private static CommitBuilder commit(ObjectId tree, ObjectId parent, PersonIdent who, String message) {
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(tree);
        if (parent != null) {
            c.setParentId(parent);
        }
        c.setAuthor(who);
        c.setCommitter(who);
        c.setMessage(message);
        return c;
    }

    /** The blob of metadata.json (or of its age file, in an encrypted vault) in a session commit, or null. */
    static ObjectId metadataBlob(Repository repo, ObjectId commit) throws IOException {
        try (RevWalk rw = new RevWalk(repo)) {
            var tree = rw.parseCommit(commit).getTree();
            for (String name : List.of(SessionFolder.METADATA, SessionFolder.METADATA + VaultCrypto.SUFFIX)) {
                try (TreeWalk tw = TreeWalk.forPath(repo, name, tree)) {
                    if (tw != null) {
                        return tw.getObjectId(0);
                    }
                }
            }
            return null;
        }
    }

    /** How many files the session's commit holds. */
    static int fileCount(Repository repo, ObjectId commit) throws IOException {
        int n = 0;
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Writes the commit's files into folder, replacing what is there. Each path is checked first
     * (a crafted vault cannot write outside the folder), the files are written beside it and the
     * folder swapped in, so a reader never sees half a session.
     */
    static void materialize(Repository repo, ObjectId commit, Path folder, VaultCrypto crypto) throws IOException {
        Path fresh = folder.resolveSibling("." + folder.getFileName() + ".fetching");
        Path old = folder.resolveSibling("." + folder.getFileName() + ".old");
        FileUtil.deleteTree(fresh);
        FileUtil.deleteTree(old);
        Files.createDirectories(fresh);
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit c = rw.parseCommit(commit);
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                String stored = tw.getPathString();
                boolean age = stored.endsWith(VaultCrypto.SUFFIX);
                String path = age ? stored.substring(0, stored.length() - VaultCrypto.SUFFIX.length()) : stored;
                Path out = fresh.resolve(path).normalize();
                if (!out.startsWith(fresh) || Stream.of(path.split("/")).anyMatch(s -> s.isEmpty() || s.equals("..") || s.equals(".")
                        || s.equalsIgnoreCase(".git")) || (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                    throw new IOException("the vault's session " + folder.getFileName() + " holds a path it may not: " + path);
                }
                Files.createDirectories(out.getParent());
                try (var os = Files.newOutputStream(out)) {
                    if (age) {
                        crypto.decrypt(tw.getObjectId(0), os);
                    } else {
                        reader.open(tw.getObjectId(0), Constants.OBJ_BLOB).copyTo(os);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            FileUtil.deleteTree(fresh);
            throw e;
        }
        if (Files.exists(folder)) {
            Files.move(folder, old);
        }
        Files.move(fresh, folder);
        FileUtil.deleteTree(old);
    }

    /** The bytes of a blob (a metadata.json copy from the list). */
    static byte[] bytes(Repository repo, ObjectId blob) throws IOException {
        try (ObjectReader r = repo.newObjectReader()) {
            return r.open(blob, Constants.OBJ_BLOB).getBytes();
        }
    }
}
