package lib.vault;

import java.io.IOException;
import java.util.Locale;
import lib.base.Env;
import lib.base.Errors;
import lib.git.RemoteResult;
import lib.git.Remotes;
import lib.term.Progress;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Pushing and pulling the vault. The network is never crossed with the vault lock held; the lock
 * is taken only to merge. A push the remote refused because another machine pushed first is
 * merged (session folders never collide) and pushed again; a refusal that may pass (the remote's
 * ref was locked by another push) is retried after a pause.
 */
final class VaultSync {
    private static final int ATTEMPTS = 6;
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
                RemoteRefUpdate.Status status = pushOnce();
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
                    return RemoteResult.failed(Remotes.explain(e, env));
                }
                reason = Remotes.explain(e, env);
                pause(attempt);
            }
        }
        return RemoteResult.failed(reason);
    }

    /** Fetches, then merges under the lock. */
    RemoteResult pull() {
        try {
            fetch();
            try (AutoCloseable lock = vault.lock()) {
                merge();
            }
            return RemoteResult.OK;
        } catch (Exception e) {
            return RemoteResult.failed(e instanceof lib.base.UserError ? e.getMessage() : Remotes.explain(e, env));
        }
    }

    private RemoteRefUpdate.Status pushOnce() throws Exception {
        String ref = Constants.R_HEADS + vault.branch();
        Iterable<PushResult> results = vault.remotes().call("pushing the vault", vault.git().push().setRemote("origin")
                .setRefSpecs(new RefSpec(ref + ":" + ref)), Progress.of(env));
        RemoteRefUpdate.Status worst = RemoteRefUpdate.Status.UP_TO_DATE;
        for (PushResult r : results) {
            for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    return u.getStatus();
                }
                worst = u.getStatus();
            }
        }
        return worst;
    }

    private void fetch() throws Exception {
        vault.remotes().call("fetching the vault", vault.git().fetch().setRemote("origin"), Progress.of(env));
    }

    /** Merges the fetched branch into the vault (a fast-forward when possible). Call with the lock held. */
    private void merge() throws GitAPIException, IOException {
        Git git = vault.git();
        ObjectId theirs = git.getRepository().resolve("refs/remotes/origin/" + vault.branch());
        if (theirs == null) {
            return; // the remote is still empty
        }
        ObjectId ours = git.getRepository().resolve(Constants.HEAD);
        if (ours == null) {
            // A fresh local vault: take the remote's branch as it is.
            var update = git.getRepository().updateRef(Constants.R_HEADS + vault.branch());
            update.setNewObjectId(theirs);
            update.forceUpdate();
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(theirs.name()).call();
            return;
        }
        MergeResult m = git.merge().include(theirs).setCommit(true)
                .setMessage("merge sessions from " + vault.remoteShown()).call();
        if (!m.getMergeStatus().isSuccessful()) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(ours.name()).call();
            throw new IOException("the vault could not merge the remote (" + m.getMergeStatus() + ")");
        }
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
