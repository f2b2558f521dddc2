package lib.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import lib.base.FileUtil;
import lib.git.Remotes;
import lib.term.Progress;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;

/**
 * What doctor reports about a vault's layout and whether its three views agree: the sessions'
 * refs, the list, and (when there is a remote) the remote's refs and list. fix() repairs what
 * a killed save or push left: sessions committed but not listed are listed, list entries whose
 * session exists nowhere are dropped, sessions on the remote its list does not name are fetched,
 * listed and pushed.
 */
public record VaultHealth(int layout, long bytes, int listed, int fetched, List<String> unlisted, List<String> missing,
                          List<String> unlistedOnRemote, String remoteProblem) {

    public boolean sound() {
        return unlisted.isEmpty() && missing.isEmpty() && unlistedOnRemote.isEmpty();
    }

    static VaultHealth of(Vault vault) throws IOException {
        Repository repo = vault.git().getRepository();
        long bytes = size(vault.dir());
        if (vault.layout() < 2) {
            return new VaultHealth(1, bytes, vault.sessions().ids().size(), vault.sessions().ids().size(), vault.uncommittedSessions(),
                    List.of(), List.of(), null);
        }
        VaultIndex list = VaultIndex.read(repo, VaultIndex.REF);
        var refs = SessionCommits.local(repo);
        Set<String> unlisted = new TreeSet<>(vault.uncommittedSessions());
        refs.keySet().stream().filter(id -> !list.has(id) && !list.isPruned(id)).forEach(unlisted::add);
        Set<String> onRemote = null;
        String problem = null;
        List<String> unlistedOnRemote = new ArrayList<>();
        if (vault.remoteUrl() != null) {
            try {
                onRemote = remoteSessions(vault);
                VaultIndex remoteList = VaultIndex.read(repo, VaultIndex.TRACKING);
                for (String id : onRemote) {
                    if (!remoteList.has(id) && !remoteList.isPruned(id)) {
                        unlistedOnRemote.add(id);
                    }
                }
            } catch (Exception e) {
                problem = Remotes.explain(e, vault.env());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String id : list.ids()) {
            if (!refs.containsKey(id) && (vault.remoteUrl() == null || (onRemote != null && !onRemote.contains(id)))) {
                missing.add(id);
            }
        }
        return new VaultHealth(2, bytes, list.ids().size(), refs.size(), List.copyOf(unlisted), missing, unlistedOnRemote, problem);
    }

    /** The remote's session refs; its list is fetched too, so that the two are compared as they are now. */
    private static Set<String> remoteSessions(Vault vault) throws Exception {
        Set<String> ids = new TreeSet<>();
        var refs = vault.remotes().call("reading the vault's refs", Git.lsRemoteRepository().setRemote(vault.remoteUrl()),
                org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
        for (Ref r : refs) {
            if (r.getName().startsWith(SessionCommits.PREFIX)) {
                ids.add(r.getName().substring(SessionCommits.PREFIX.length()));
            }
        }
        vault.remotes().call("fetching the vault's list", vault.git().fetch().setRemote("origin")
                .setRefSpecs(new RefSpec(VaultIndex.FETCH)), org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
        return ids;
    }

    /** Repairs what it can; returns what it did, one line each. */
    List<String> fix(Vault vault) throws Exception {
        List<String> done = new ArrayList<>();
        Repository repo = vault.git().getRepository();
        if (!unlistedOnRemote.isEmpty()) {
            List<RefSpec> specs = unlistedOnRemote.stream().map(id -> new RefSpec("+" + SessionCommits.ref(id) + ":" + SessionCommits.ref(id))).toList();
            vault.remotes().call("fetching sessions", vault.git().fetch().setRemote("origin").setRefSpecs(specs), Progress.of(vault.env()));
        }
        try (VaultLock lock = vault.lock()) {
            VaultRepair.toLayout2(vault);
            List<String> relisted = VaultRepair.relist(vault);
            if (!relisted.isEmpty()) {
                done.add("Listed " + relisted.size() + " session(s) that were saved but not listed");
            }
            if (!missing.isEmpty()) {
                VaultIndex list = VaultIndex.read(repo, VaultIndex.REF);
                missing.forEach(list::forget);
                list.store(repo, VaultIndex.REF, vault.ident(), "doctor: drop " + missing.size() + " entries whose session is gone");
                for (String id : missing) {
                    FileUtil.deleteTree(vault.sessionsDir().resolve(id));
                }
                done.add("Dropped " + missing.size() + " list entr" + (missing.size() == 1 ? "y" : "ies") + " whose session exists nowhere");
            }
        }
        if (vault.remoteUrl() != null && remoteProblem == null) {
            var pushed = vault.push();
            done.add(pushed.ok() ? "Pushed the repaired list to " + vault.remoteShown()
                    : "Could not push the repaired list (" + pushed.problem() + "): 'continuum sync' finishes it");
        }
        return done;
    }

    private static long size(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
