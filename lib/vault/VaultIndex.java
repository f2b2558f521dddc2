package lib.vault;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import lib.session.SessionId;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The vault's list of sessions, one ref (refs/continuum/index/sessions) that a machine fetches alone to
 * list every session and show its header without fetching any session's content. Its tree holds
 * a copy of each session's metadata.json as &lt;yyyyMM&gt;/&lt;id&gt;.json (grouped by month so a save
 * rewrites two small trees, not one of every session) and an empty &lt;yyyyMM&gt;/&lt;id&gt;.pruned for
 * each session pruned anywhere, so that no merge brings a pruned session back.
 * <p>
 * Its commit has no parent: a push replaces it, guarded by the value this machine last fetched
 * (a lease), so the list never accumulates history and its cost stays that of the sessions it
 * names. Two machines' lists merge entry by entry; entries never conflict.
 */
final class VaultIndex {
    static final String REF = "refs/continuum/index/sessions";
    /** What the remote's list was when this machine last fetched or pushed it. */
    static final String TRACKING = "refs/remotes/origin/continuum/index/sessions";
    /** Fetches the list when the remote has one, and is no error when it has none yet. */
    static final String FETCH = "+refs/continuum/index/*:refs/remotes/origin/continuum/index/*";
    private static final String JSON = ".json";
    private static final String PRUNED = ".pruned";

    private final TreeMap<String, ObjectId> entries = new TreeMap<>(Collections.reverseOrder());
    private final TreeSet<String> pruned = new TreeSet<>();
    /** The age public keys the vault's files are encrypted for; none: a vault in plain text. */
    private final TreeSet<String> recipients = new TreeSet<>();
    private static final String RECIPIENTS = "recipients.txt";

    static VaultIndex empty() {
        return new VaultIndex();
    }

    /** The list a ref names; empty when the ref does not exist. Names that are not session ids are ignored. */
    static VaultIndex read(Repository repo, String ref) throws IOException {
        Ref r = repo.exactRef(ref);
        return r == null || r.getObjectId() == null ? new VaultIndex() : readCommit(repo, r.getObjectId());
    }

    static VaultIndex readCommit(Repository repo, ObjectId commit) throws IOException {
        VaultIndex index = new VaultIndex();
        try (RevWalk rw = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(rw.parseCommit(commit).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                String name = tw.getNameString();
                if (tw.getPathString().equals(RECIPIENTS)) {
                    for (String line : new String(repo.open(tw.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                        if (line.startsWith("age1")) {
                            index.recipients.add(line.trim());
                        }
                    }
                } else if (name.endsWith(JSON) && SessionId.isValid(strip(name, JSON))) {
                    index.entries.put(strip(name, JSON), tw.getObjectId(0));
                } else if (name.endsWith(PRUNED) && SessionId.isValid(strip(name, PRUNED))) {
                    index.pruned.add(strip(name, PRUNED));
                }
            }
        }
        index.pruned.forEach(index.entries::remove);
        return index;
    }

    private static String strip(String name, String suffix) {
        return name.substring(0, name.length() - suffix.length());
    }

    /** Live session ids, newest first. */
    Set<String> ids() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    boolean has(String id) {
        return entries.containsKey(id);
    }

    boolean isPruned(String id) {
        return pruned.contains(id);
    }

    Set<String> prunedIds() {
        return Collections.unmodifiableSet(pruned);
    }

    Set<String> recipients() {
        return Collections.unmodifiableSet(recipients);
    }

    void addRecipient(String key) {
        recipients.add(key);
    }

    /** The blob of the session's metadata.json. */
    Optional<ObjectId> metadata(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    void put(String id, ObjectId metadataBlob) {
        if (!pruned.contains(id)) {
            entries.put(id, metadataBlob);
        }
    }

    void prune(String id) {
        entries.remove(id);
        pruned.add(id);
    }

    /** Drops an entry without a pruned mark (an entry whose session no longer exists anywhere). */
    void forget(String id) {
        entries.remove(id);
    }

    /**
     * Ours and theirs, entry by entry: every session either names, minus those either pruned; where
     * both name a session with different metadata (a describe), the side that changed it since
     * base wins, ours when both did.
     */
    static VaultIndex merge(VaultIndex base, VaultIndex ours, VaultIndex theirs) {
        VaultIndex m = new VaultIndex();
        m.pruned.addAll(ours.pruned);
        m.pruned.addAll(theirs.pruned);
        m.recipients.addAll(ours.recipients);
        m.recipients.addAll(theirs.recipients);
        Set<String> all = new TreeSet<>(ours.entries.keySet());
        all.addAll(theirs.entries.keySet());
        for (String id : all) {
            ObjectId o = ours.entries.get(id);
            ObjectId t = theirs.entries.get(id);
            ObjectId chosen = o == null ? t : t == null || o.equals(t) ? o : o.equals(base.entries.get(id)) ? t : o;
            m.put(id, chosen);
        }
        return m;
    }

    boolean sameAs(VaultIndex other) {
        return entries.equals(other.entries) && pruned.equals(other.pruned) && recipients.equals(other.recipients);
    }

    /** Writes the list as a parentless commit and points ref at it. */
    ObjectId store(Repository repo, String ref, PersonIdent who, String message) throws IOException {
        ObjectId commit;
        try (ObjectInserter ins = repo.newObjectInserter()) {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            ObjectId empty = ins.insert(Constants.OBJ_BLOB, new byte[0]);
            Map<String, ObjectId> files = new TreeMap<>();
            entries.forEach((id, blob) -> files.put(SessionId.month(id) + "/" + id + JSON, blob));
            pruned.forEach(id -> files.put(SessionId.month(id) + "/" + id + PRUNED, empty));
            if (!recipients.isEmpty()) {
                files.put(RECIPIENTS, ins.insert(Constants.OBJ_BLOB, (String.join("\n", recipients) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            files.forEach((path, blob) -> {
                DirCacheEntry e = new DirCacheEntry(path);
                e.setFileMode(FileMode.REGULAR_FILE);
                e.setObjectId(blob);
                b.add(e);
            });
            b.finish();
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(dc.writeTree(ins));
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage(message);
            commit = ins.insert(c);
            ins.flush();
        }
        setRef(repo, ref, commit);
        return commit;
    }

    static void setRef(Repository repo, String ref, ObjectId id) throws IOException {
        RefUpdate u = repo.updateRef(ref);
        u.setNewObjectId(id);
        u.disableRefLog();
        RefUpdate.Result r = u.forceUpdate();
        if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE
                && r != RefUpdate.Result.FAST_FORWARD) {
            throw new IOException("cannot update " + ref + " (" + r + ")");
        }
    }
}
