package lib.vault;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lib.base.Env;
import lib.base.Errors;
import lib.base.TestHooks;
import lib.base.UserError;
import lib.git.RemoteResult;
import lib.git.Remotes;
import lib.session.Session;
import lib.term.Progress;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Pushing and pulling the vault (layout 2). A push sends the session refs the remote's list does
 * not name yet, and deletes the pruned ones; then the list, replaced only if the remote's list is
 * still the one this machine last saw (a lease). When another machine pushed first, the lists are
 * fetched, merged entry by entry, and pushed again. A kill between the two steps leaves sessions
 * on the remote that its list does not name: the next push names them. The network is never
 * crossed with the vault lock held; the lock is taken only to merge.
 */
final class VaultSync {
    private static final int ATTEMPTS = 6;
    private static final String REMOTE_BRANCHES = "refs/remotes/origin/";
    private static final String HINTS = "refs/continuum/push-hint/";
    /** Sessions committed again (encrypted) whose remote ref must be replaced, not fast-forwarded. */
    static final String REPLACE = "continuum-replace-on-push";
    private final Vault vault;
    private final Env env;

    VaultSync(Vault vault, Env env) {
        this.vault = vault;
        this.env = env;
    }

    RemoteResult push() {
        String reason = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                vault.toLayout2();
                if (!pushSessions()) {
                    return RemoteResult.failed("the remote refused a session's ref");
                }
                TestHooks.pauseAt("between-session-and-list", env);
                RemoteRefUpdate.Status status = pushList();
                switch (status) {
                    case OK, UP_TO_DATE -> {
                        return RemoteResult.OK;
                    }
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
                        reason = "the remote kept moving while merging";
                        RemoteResult merged = pull();
                        if (!merged.ok()) {
                            return merged;
                        }
                    }
                    case REJECTED_OTHER_REASON -> {
                        reason = "the remote refused the push (" + status + ")";
                        pause(attempt);
                    }
                    default -> {
                        return RemoteResult.failed("the remote refused the push (" + status + ")");
                    }
                }
            } catch (Exception e) {
                if (!transient_(e)) {
                    return RemoteResult.failed(e instanceof UserError ? e.getMessage() : Remotes.explain(e, env));
                }
                reason = Remotes.explain(e, env);
                pause(attempt);
            }
        }
        return RemoteResult.failed(reason);
    }

    /** Fetches the remote's list (and an earlier release's branch), then merges under the lock. */
    RemoteResult pull() {
        try {
            Repository repo = vault.git().getRepository();
            ObjectId before = repo.resolve(VaultIndex.TRACKING);
            // A pattern, so that a remote without a list yet (new, or of layout 1) is no error.
            vault.remotes().call("fetching the vault's list", vault.git().fetch().setRemote("origin").setRefSpecs(
                    new RefSpec(VaultIndex.FETCH),
                    new RefSpec("+" + Constants.R_HEADS + "*:" + REMOTE_BRANCHES + "*")), Progress.of(env));
            try (VaultLock lock = vault.lock()) {
                VaultRepair.toLayout2(vault);
                merge(before);
            }
            return RemoteResult.OK;
        } catch (Exception e) {
            return RemoteResult.failed(e instanceof UserError ? e.getMessage() : Remotes.explain(e, env));
        }
    }

    /** Fetches one session's ref, the only content resume and show --transcript need. */
    RemoteResult fetchSession(String id) {
        try {
            String ref = SessionCommits.ref(id);
            vault.remotes().call("fetching the session", vault.git().fetch().setRemote("origin")
                    .setRefSpecs(new RefSpec("+" + ref + ":" + ref)), Progress.of(env));
            return RemoteResult.OK;
        } catch (Exception e) {
            String why = Remotes.explain(e, env);
            return why.contains("not found") || why.contains("Remote does not have")
                    ? RemoteResult.OK // the caller says the session is gone from the remote
                    : RemoteResult.failed(why);
        }
    }

    /** Sessions the remote's list lacks (or has with other metadata), and deletions of pruned ones. */
    private boolean pushSessions() throws Exception {
        Repository repo = vault.git().getRepository();
        VaultIndex local = VaultIndex.read(repo, VaultIndex.REF);
        VaultIndex remote = VaultIndex.read(repo, VaultIndex.TRACKING);
        Map<String, ObjectId> refs = SessionCommits.local(repo);
        java.nio.file.Path replaceFile = repo.getDirectory().toPath().resolve(REPLACE);
        java.util.Set<String> replace = java.nio.file.Files.isRegularFile(replaceFile)
                ? new java.util.HashSet<>(java.nio.file.Files.readAllLines(replaceFile)) : java.util.Set.of();
        List<RefSpec> specs = new ArrayList<>();
        for (String id : local.ids()) {
            if (refs.containsKey(id) && (replace.contains(id) || !local.metadata(id).equals(remote.metadata(id)))) {
                specs.add(new RefSpec((replace.contains(id) ? "+" : "") + SessionCommits.ref(id) + ":" + SessionCommits.ref(id)));
            }
        }
        for (String id : local.prunedIds()) {
            if (!remote.isPruned(id)) {
                specs.add(new RefSpec(":" + SessionCommits.ref(id)));
            }
        }
        if (specs.isEmpty()) {
            return true;
        }
        int sessions = (int) specs.stream().filter(spec -> spec.getSource() != null).count();
        boolean deleting = sessions < specs.size();
        Hint hint = deleting ? Hint.NONE : hint(repo, specs, remote, refs);
        if (deleting) {
            specs.add(new RefSpec(":" + hintRef())); // it may name a pruned session: nothing may keep one reachable
        } else if (hint.commit() != null) {
            specs.add(new RefSpec("+" + hint.commit().name() + ":" + hintRef()));
        }
        boolean replaced = true;
        for (PushResult r : push(specs, List.of(), sessions > 1 || hint.sameConversation(), vault.crypto(local).encrypted())) {
            for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                if (u.getRemoteName().startsWith(HINTS)) {
                    continue; // only an optimisation
                }
                replaced &= u.getStatus() == RemoteRefUpdate.Status.OK || u.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE
                        || u.getStatus() == RemoteRefUpdate.Status.NON_EXISTING;
                switch (u.getStatus()) {
                    case OK, UP_TO_DATE, NON_EXISTING -> {
                    }
                    // Another machine gave the session a new description first: its list entry decides.
                    case REJECTED_NONFASTFORWARD -> {
                    }
                    default -> {
                        return false;
                    }
                }
            }
        }
        if (replaced) {
            java.nio.file.Files.deleteIfExists(replaceFile);
        }
        return true;
    }

    /**
     * Sessions are unrelated commits, and a push sends every object of a commit the remote has no
     * ancestor of: a re-save would send again the transcript parts and large files it shares with
     * the previous save of its workspace. A throw-away commit whose parents are the sessions being
     * pushed and up to three sessions of the same workspaces that the remote has makes those
     * sessions' objects known to be there, so only what is new travels (and in a thin pack, a file
     * saved again may travel as its change to theirs). It lives under one ref per
     * machine (two machines pushing at once never contend for it), replaced by each push and
     * deleted by a push that prunes.
     */
    private Hint hint(Repository repo, List<RefSpec> specs, VaultIndex remote, Map<String, ObjectId> refs) throws IOException {
        List<ObjectId> parents = new ArrayList<>();
        java.util.Set<String> workspaces = new java.util.HashSet<>();
        java.util.Set<String> conversations = new java.util.HashSet<>();
        for (RefSpec spec : specs) {
            String id = spec.getSource().substring(SessionCommits.PREFIX.length());
            parents.add(refs.get(id));
            Session s = vault.sessions().load(id);
            workspaces.add(String.valueOf(s.workspacePath()));
            conversations.add(conversation(s));
        }
        int shared = 0;
        boolean sameConversation = false;
        for (String id : remote.ids()) { // newest first
            if (shared == 3) {
                break;
            }
            Session s = refs.containsKey(id) ? vault.sessions().load(id) : null;
            if (s != null && workspaces.contains(String.valueOf(s.workspacePath()))) {
                parents.add(refs.get(id));
                shared++;
                sameConversation |= s.agent().sessionId() != null && conversations.contains(conversation(s));
            }
        }
        if (shared == 0) {
            return Hint.NONE;
        }
        try (ObjectInserter ins = repo.newObjectInserter()) {
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(ins.insert(new org.eclipse.jgit.lib.TreeFormatter()));
            c.setParentIds(parents);
            c.setAuthor(vault.ident());
            c.setCommitter(vault.ident());
            c.setMessage("continuum: objects the remote has (see VaultSync)");
            ObjectId id = ins.insert(c);
            ins.flush();
            return new Hint(id, sameConversation);
        }
    }

    /** The hint's commit (null: none), and whether one of its sessions saved a conversation that goes again now. */
    private record Hint(ObjectId commit, boolean sameConversation) {
        static final Hint NONE = new Hint(null, false);
    }

    private static String conversation(Session s) {
        return s.agent().name() + " " + s.agent().sessionId();
    }

    /** This machine's hint ref, named by a random id kept in the vault's config. */
    private String hintRef() throws IOException {
        var cfg = vault.git().getRepository().getConfig();
        String machine = cfg.getString("continuum", null, "machine");
        if (machine == null || !machine.matches("[0-9a-f]{12}")) {
            byte[] b = new byte[6];
            new java.security.SecureRandom().nextBytes(b);
            machine = java.util.HexFormat.of().formatHex(b);
            cfg.setString("continuum", null, "machine", machine);
            cfg.save();
        }
        return HINTS + machine;
    }

    /** The list, replacing the remote's only if it is the one last seen here; an earlier release's branch retired with it. */
    private RemoteRefUpdate.Status pushList() throws Exception {
        Repository repo = vault.git().getRepository();
        // The list as it is now: a save on this machine may list another session while this pushes.
        ObjectId list = repo.resolve(VaultIndex.REF);
        if (list == null) {
            return RemoteRefUpdate.Status.UP_TO_DATE; // nothing saved here yet
        }
        List<RefSpec> specs = new ArrayList<>(List.of(new RefSpec("+" + list.name() + ":" + VaultIndex.REF)));
        List<RefLeaseSpec> leases = new ArrayList<>(List.of(lease(repo, VaultIndex.REF, VaultIndex.TRACKING)));
        String retired = retireLayout1Branch(repo);
        if (retired != null) {
            specs.add(new RefSpec("+" + retired + ":" + Constants.R_HEADS + vault.branch()));
            leases.add(lease(repo, Constants.R_HEADS + vault.branch(), REMOTE_BRANCHES + vault.branch()));
        }
        RemoteRefUpdate.Status worst = RemoteRefUpdate.Status.UP_TO_DATE;
        for (PushResult r : push(specs, leases, false, vault.crypto().encrypted())) {
            for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    return u.getStatus();
                }
                worst = u.getStatus();
            }
        }
        VaultIndex.setRef(repo, VaultIndex.TRACKING, list);
        if (retired != null) {
            VaultIndex.setRef(repo, REMOTE_BRANCHES + vault.branch(), repo.resolve(retired));
        }
        return worst;
    }

    /** Replace remoteRef only if it is what tracking says; when tracking is missing, only if the remote has none. */
    private static RefLeaseSpec lease(Repository repo, String remoteRef, String tracking) throws IOException {
        return new RefLeaseSpec(remoteRef, repo.resolve(tracking) != null ? tracking : ObjectId.zeroId().name());
    }

    /**
     * Pushes these refs. The pack is thin: the remote's objects that the hint names may serve as
     * bases, so a conversation saved again travels as its change. Deltas are looked for only when
     * there is an earlier version to find: another session of the push (saved offline) or the
     * remote's last save of the same conversation. Without one, the search among a new 30 MB
     * conversation's parts took 1-3 s for at most a fifth of its bytes.
     */
    private Iterable<PushResult> push(List<RefSpec> specs, List<RefLeaseSpec> leases, boolean deltas, boolean encrypted)
            throws Exception {
        return vault.remotes().call("pushing the vault", vault.git().push().setRemote("origin").setRefSpecs(specs)
                .setRefLeaseSpecs(leases).setThin(true), Progress.of(env), packConfig(deltas, encrypted));
    }

    /** An encrypted vault's files are ciphertext, which neither deltas nor compresses. */
    private PackConfig packConfig(boolean deltas, boolean encrypted) {
        PackConfig pack = new PackConfig(vault.git().getRepository());
        pack.setDeltaCompress(deltas && !encrypted);
        if (encrypted) {
            pack.setCompressionLevel(java.util.zip.Deflater.NO_COMPRESSION);
        }
        return pack;
    }

    /**
     * While the remote's main branch still holds sessions (layout 1), every one of them is listed
     * here (pull imported them): main is replaced by one commit with a note, so that what pruning
     * removes stops being reachable and an earlier release cannot write sessions no one lists.
     * Returns the local ref holding that commit, or null when there is nothing to retire.
     */
    private String retireLayout1Branch(Repository repo) throws IOException {
        ObjectId main = repo.resolve(REMOTE_BRANCHES + vault.branch());
        if (main == null || !SessionStore.hasSessions(repo, main)) {
            return null;
        }
        VaultIndex local = VaultIndex.read(repo, VaultIndex.REF);
        for (String id : SessionStore.sessionIds(repo, main.name())) {
            if (!local.has(id) && !local.isPruned(id)) {
                return null; // not imported yet: the next pull imports it first
            }
        }
        String ref = "refs/continuum/retired-main";
        try (ObjectInserter ins = repo.newObjectInserter()) {
            byte[] note = ("# continuum vault\n\nThis vault keeps each session under refs/continuum/sessions/<id> and their list\n"
                    + "under refs/continuum/index/sessions (layout 2). Read it with continuum 0.3 or later.\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var tree = new org.eclipse.jgit.lib.TreeFormatter();
            tree.append("README.md", org.eclipse.jgit.lib.FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, note));
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(ins.insert(tree));
            c.setAuthor(vault.ident());
            c.setCommitter(vault.ident());
            c.setMessage("continuum: sessions moved to their own refs (layout 2)");
            ObjectId commit = ins.insert(c);
            ins.flush();
            VaultIndex.setRef(repo, ref, commit);
        }
        return ref;
    }

    /** Merges the fetched list (and sessions an earlier release pushed to main) into this vault's. Call with the lock held. */
    private void merge(ObjectId before) throws IOException {
        Repository repo = vault.git().getRepository();
        VaultIndex base = before == null ? VaultIndex.empty() : VaultIndex.readCommit(repo, before);
        VaultIndex ours = VaultIndex.read(repo, VaultIndex.REF);
        VaultIndex theirs = VaultIndex.read(repo, VaultIndex.TRACKING);
        VaultIndex merged = VaultIndex.merge(base, ours, theirs);
        ObjectId main = repo.resolve(REMOTE_BRANCHES + vault.branch());
        if (main != null && SessionStore.hasSessions(repo, main)) {
            VaultRepair.importLayout1(vault, main, merged);
        }
        if (!merged.sameAs(ours)) {
            merged.store(repo, VaultIndex.REF, vault.ident(), "merge sessions from " + vault.remoteShown());
        }
        VaultRepair.syncFolders(vault, merged);
    }

    /** A failure another try may not meet: the remote's ref locked by a concurrent push. */
    private static boolean transient_(Throwable e) {
        String msg = Errors.oneLine(e).toLowerCase(Locale.ROOT);
        return msg.contains("lock") && !msg.contains("host key");
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep((long) (150 * Math.pow(2, attempt) + Math.random() * 100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
