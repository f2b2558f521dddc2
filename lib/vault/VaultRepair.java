package lib.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.base.FileUtil;
import lib.session.SessionFolder;
import lib.session.SessionId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * Keeps the three views of a vault in agreement — session refs, the list, the folders — after a
 * save was killed half-way, after a pull, and when a vault of layout 1 moves to layout 2. Every
 * method expects the vault lock to be held.
 */
final class VaultRepair {
    private VaultRepair() {
    }

    /**
     * Layout 1 kept every session as sessions/&lt;id&gt; on one branch. Each becomes a commit of that
     * same tree (nothing is re-hashed or copied) under its own ref, listed; the folders stay.
     */
    static void toLayout2(Vault vault) throws IOException {
        if (vault.layout() >= 2) {
            return;
        }
        Repository repo = vault.git().getRepository();
        VaultIndex index = VaultIndex.read(repo, VaultIndex.REF);
        ObjectId head = repo.resolve(Constants.HEAD);
        if (head != null) {
            importLayout1(vault, head, index);
        }
        index.store(repo, VaultIndex.REF, vault.ident(), "layout 2: " + index.ids().size() + " session(s)");
        var cfg = repo.getConfig();
        cfg.setInt("continuum", null, "layout", 2);
        cfg.save();
    }

    /**
     * Gives every session of a layout-1 commit (this vault's old branch, or a remote's branch an
     * earlier release still pushes to) its own ref and list entry, and its folder when missing.
     * Returns the sessions it added.
     */
    static List<String> importLayout1(Vault vault, ObjectId commit, VaultIndex index) throws IOException {
        Repository repo = vault.git().getRepository();
        List<String> added = new ArrayList<>();
        Map<String, ObjectId> refs = SessionCommits.local(repo);
        try (ObjectInserter ins = repo.newObjectInserter()) {
            for (SessionStore.Layout1Entry e : SessionStore.layout1Entries(repo, commit)) {
                String id = e.name();
                if (!SessionId.isValid(id) || !e.folder() || refs.containsKey(id) || index.isPruned(id)) {
                    continue;
                }
                CommitBuilder c = new CommitBuilder();
                c.setTreeId(e.id());
                c.setAuthor(vault.ident());
                c.setCommitter(vault.ident());
                c.setMessage("snapshot (layout 1)\n\nSession ID: " + id);
                ObjectId sessionCommit = ins.insert(c);
                ins.flush();
                VaultIndex.setRef(repo, SessionCommits.ref(id), sessionCommit);
                ObjectId meta = SessionCommits.metadataBlob(repo, sessionCommit);
                if (meta != null) {
                    index.put(id, meta);
                }
                if (!Files.isDirectory(vault.sessionsDir().resolve(id))) {
                    SessionCommits.materialize(repo, sessionCommit, vault.sessionsDir().resolve(id), vault.crypto(index));
                }
                added.add(id);
            }
        }
        return added;
    }

    /**
     * Lists what a killed save left unlisted: session refs without a list entry, complete folders
     * without a ref (committed now); then gives every listed session its folder. Returns the ids.
     */
    static List<String> relist(Vault vault) throws IOException {
        Repository repo = vault.git().getRepository();
        VaultIndex index = VaultIndex.read(repo, VaultIndex.REF);
        List<String> recovered = new ArrayList<>();
        Map<String, ObjectId> refs = SessionCommits.local(repo);
        for (var e : refs.entrySet()) {
            if (!index.has(e.getKey()) && !index.isPruned(e.getKey()) && SessionId.isValid(e.getKey())) {
                ObjectId meta = SessionCommits.metadataBlob(repo, e.getValue());
                if (meta != null) {
                    index.put(e.getKey(), meta);
                    recovered.add(e.getKey());
                }
            }
        }
        for (String id : vault.sessions().ids()) {
            SessionFolder f = SessionFolder.at(vault.sessionsDir().resolve(id));
            if (!refs.containsKey(id) && !index.has(id) && !index.isPruned(id) && f.isComplete()) {
                ObjectId c = SessionCommits.commitFolder(repo, f.dir(), id, vault.ident(), "recover: an interrupted save\n\nSession ID: " + id,
                        vault.crypto(index), java.util.Map.of());
                index.put(id, SessionCommits.metadataBlob(repo, c));
                recovered.add(id);
            }
        }
        if (!recovered.isEmpty()) {
            index.store(repo, VaultIndex.REF, vault.ident(), "recover " + recovered.size() + " session(s)");
        }
        syncFolders(vault, index);
        return recovered;
    }

    /**
     * Makes the folders agree with the list: a listed session without a folder gets its
     * metadata.json (enough for list and show); one whose metadata changed elsewhere (a describe)
     * gets the new one; a pruned one loses its folder and ref.
     */
    static void syncFolders(Vault vault, VaultIndex index) throws IOException {
        Files.createDirectories(vault.sessionsDir());
        VaultCrypto crypto = vault.crypto(index);
        for (String id : index.ids()) {
            Path meta = vault.sessionsDir().resolve(id).resolve(SessionFolder.METADATA);
            writeMetadata(vault, crypto, index.metadata(id).orElseThrow(), meta);
        }
        for (String id : index.prunedIds()) {
            dropLocal(vault, id);
        }
    }

    /** Writes the list's metadata (decrypted, in an encrypted vault) unless the file already holds it. */
    private static void writeMetadata(Vault vault, VaultCrypto crypto, ObjectId blob, Path meta) throws IOException {
        Repository repo = vault.git().getRepository();
        ObjectId here = Files.isRegularFile(meta) ? blobIdOf(meta) : null;
        if (blob.equals(here)) {
            return;
        }
        boolean age = crypto.isAge(blob);
        if (age && here != null && here.equals(crypto.plainOf(blob))) {
            return;
        }
        byte[] bytes = age ? crypto.decrypt(blob) : SessionCommits.bytes(repo, blob);
        Files.createDirectories(meta.getParent());
        FileUtil.writeAtomically(meta, bytes);
        if (age) {
            crypto.remember(blobIdOf(meta), blob);
        }
    }

    private static ObjectId blobIdOf(Path file) throws IOException {
        try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
            return f.idFor(Constants.OBJ_BLOB, Files.readAllBytes(file));
        }
    }

    /** Writes the session's files from its commit when its folder lacks any, keeping the list's metadata. */
    static void materialize(Vault vault, String id, ObjectId commit) throws IOException {
        Repository repo = vault.git().getRepository();
        Path folder = vault.sessionsDir().resolve(id);
        long here = 0;
        if (Files.isDirectory(folder)) {
            try (var all = Files.walk(folder)) {
                here = all.filter(Files::isRegularFile).count();
            }
        }
        VaultIndex index = VaultIndex.read(repo, VaultIndex.REF);
        VaultCrypto crypto = vault.crypto(index);
        if (here < SessionCommits.fileCount(repo, commit)) {
            SessionCommits.materialize(repo, commit, folder, crypto);
        }
        var listed = index.metadata(id);
        if (listed.isPresent()) {
            writeMetadata(vault, crypto, listed.get(), folder.resolve(SessionFolder.METADATA));
        }
    }

    /** Whether a session folder holds files besides its metadata (it is more than its list entry). */
    static boolean holdsMoreThanMetadata(SessionFolder folder) throws IOException {
        if (!Files.isDirectory(folder.dir())) {
            return false;
        }
        try (var all = Files.walk(folder.dir())) {
            return all.filter(Files::isRegularFile).anyMatch(p -> !p.getFileName().toString().equals(SessionFolder.METADATA));
        }
    }

    /** Removes a session's folder and ref from this machine. */
    static void dropLocal(Vault vault, String id) throws IOException {
        if (!SessionId.isValid(id)) {
            return;
        }
        Repository repo = vault.git().getRepository();
        if (repo.exactRef(SessionCommits.ref(id)) != null) {
            var u = repo.updateRef(SessionCommits.ref(id));
            u.setForceUpdate(true);
            u.delete();
        }
        FileUtil.deleteTree(vault.sessionsDir().resolve(id));
    }

    /** Ids in a set that are valid session ids, newest first (for messages). */
    static List<String> sorted(Set<String> ids) {
        String[] a = ids.toArray(String[]::new);
        Arrays.sort(a, java.util.Comparator.reverseOrder());
        return List.of(a);
    }
}
