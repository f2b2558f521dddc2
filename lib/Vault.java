package lib;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * The vault: an ordinary git repository (CONTINUUM_HOME, default ~/.continuum) holding one
 * folder per session under sessions/, pushed to CONTINUUM_REPO_URL or its own origin.
 */
public final class Vault implements AutoCloseable {
    public static final String SESSIONS = "sessions";

    private final Path dir;
    private final Git git;
    private final Env env;
    private Remotes remotes; // made on first use (list and show never need SSH), then shared

    private Vault(Path dir, Git git, Env env) {
        this.dir = dir;
        this.git = git;
        this.env = env;
    }

    /** Opens the vault, creating it (or cloning CONTINUUM_REPO_URL) when it does not exist yet. */
    public static Vault openOrCreate(Env env) {
        Path dir = env.vaultDir();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("the vault path " + dir + " is a file, not a folder (set CONTINUUM_HOME elsewhere)");
        }
        try {
            if (!Files.exists(dir.resolve(".git")) && isEmptyOrMissing(dir)) {
                return create(env, dir, env.get("CONTINUUM_REPO_URL"));
            }
            return open(env);
        } catch (IOException e) {
            throw new UserError("cannot create the vault at " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing vault; a clear error when there is none or it is not a git repository. */
    public static Vault open(Env env) {
        return open(env, env.vaultDir());
    }

    private static Vault open(Env env, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError("no vault at " + dir + " yet: run 'continuum save' or 'continuum init'");
        }
        if (!Files.exists(dir.resolve(".git"))) {
            throw new UserError("the vault path " + dir + " is not a git repository (move it away or set CONTINUUM_HOME)");
        }
        try {
            Repository repo = new FileRepositoryBuilder().setWorkTree(dir.toFile())
                    .setGitDir(dir.resolve(".git").toFile()).setMustExist(true).build();
            if (repo.getObjectDatabase() == null || !repo.getObjectDatabase().exists()) {
                repo.close();
                throw new UserError("the vault at " + dir + " is corrupt: its git object store is missing");
            }
            Permissions.privateDir(dir);
            Vault v = new Vault(dir, new Git(repo, true), env);
            v.adoptRemoteUrl();
            return v;
        } catch (IOException e) {
            throw new UserError("the vault at " + dir + " is not a readable git repository: " + e.getMessage(), e);
        }
    }

    /** Creates the vault; with a remote URL, clones it, falling back to a local vault when offline. */
    public static Vault create(Env env, Path dir, String remoteUrl) throws IOException {
        Files.createDirectories(dir);
        Permissions.privateDir(dir);
        Exception cloneError = null;
        if (remoteUrl != null) {
            try {
                Remotes.forVault(env).apply(Git.cloneRepository().setURI(remoteUrl).setDirectory(dir.toFile())
                        .setProgressMonitor(Progress.of(env)))
                        .call().close();
            } catch (GitAPIException | RuntimeException e) {
                cloneError = e;
                FileUtil.deleteTree(dir.resolve(".git"));
            }
        }
        if (!Files.exists(dir.resolve(".git"))) {
            try {
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call().close();
            } catch (GitAPIException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        Vault v = open(env, dir);
        v.configure(remoteUrl);
        if (v.git.getRepository().resolve(Constants.HEAD) == null) {
            // A clone of an empty remote starts on JGit's default branch; vaults use main.
            v.git.getRepository().updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
        }
        if (cloneError != null && remoteUrl != null) {
            v.cloneWarning = "could not clone " + Urls.withoutCredentials(remoteUrl) + " ("
                    + Remotes.explain(cloneError, env) + "); started a local vault that will merge on push";
        }
        return v;
    }

    private String cloneWarning;

    public String cloneWarning() {
        return cloneWarning;
    }

    private static boolean isEmptyOrMissing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private void configure(String remoteUrl) throws IOException {
        StoredConfig cfg = git.getRepository().getConfig();
        // The vault's own identity, so committing never falls back to a hostname lookup.
        cfg.setString("user", null, "name", "continuum");
        cfg.setString("user", null, "email", "continuum@" + HostInfo.detect(env).hostname());
        cfg.setBoolean("commit", null, "gpgsign", false);
        // Transcripts are large and saved at bedtime: fast zlib beats a few percent of size.
        cfg.setInt("core", null, "compression", 1);
        if (remoteUrl != null) {
            cfg.setString("remote", "origin", "url", remoteUrl);
            cfg.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
        }
        cfg.save();
    }

    /** CONTINUUM_REPO_URL wins over the vault's recorded origin, and becomes it. */
    private void adoptRemoteUrl() throws IOException {
        String wanted = env.get("CONTINUUM_REPO_URL");
        String current = git.getRepository().getConfig().getString("remote", "origin", "url");
        if (wanted != null && !wanted.equals(current)) {
            configure(wanted);
        }
    }

    private Remotes remotes() {
        if (remotes == null) {
            remotes = Remotes.forVault(env);
        }
        return remotes;
    }

    public Path dir() {
        return dir;
    }

    public Path sessionsDir() {
        return dir.resolve(SESSIONS);
    }

    public Git git() {
        return git;
    }

    public String remoteUrl() {
        return git.getRepository().getConfig().getString("remote", "origin", "url");
    }

    public String branch() {
        try {
            String b = git.getRepository().getBranch();
            return b == null ? "main" : b;
        } catch (IOException e) {
            return "main";
        }
    }

    /** Where a session is written before it is moved into sessions/ in one step. */
    public Path newStagingDir(String sessionId) throws IOException {
        Path staging = dir.resolve(".git").resolve("continuum-staging");
        Files.createDirectories(staging);
        Path d = staging.resolve(sessionId);
        FileUtil.deleteTree(d);
        Files.createDirectories(d);
        return d;
    }

    /** Serialises saves on one machine (see VaultLock). */
    public AutoCloseable lock(Console console, long waitMillis) throws IOException {
        return VaultLock.acquire(dir.resolve(".git").resolve("continuum.lock"), console, waitMillis);
    }

    /** Moves a finished staging folder into sessions/ and commits it. */
    public ObjectId commitSession(Path staged, String sessionId, String description) throws IOException {
        Path target = sessionsDir().resolve(sessionId);
        Files.createDirectories(sessionsDir());
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot move the session into the vault in one step: " + e.getMessage(), e);
        }
        SaveHooks.pauseAt("after-move", env);
        return commit(List.of(Vault.SESSIONS + "/" + sessionId),
                "snapshot: " + description + "\n\nSession ID: " + sessionId);
    }

    /**
     * Finishes what a save killed half-way left behind. Called with the vault lock held, so no
     * other continuum process can be using the lock files or the staging area.
     */
    public List<String> recover() throws IOException {
        Path gitDir = dir.resolve(".git");
        FileUtil.deleteTree(gitDir.resolve("continuum-staging"));
        for (Path lock : List.of(gitDir.resolve("index.lock"), gitDir.resolve("HEAD.lock"),
                gitDir.resolve("refs/heads").resolve(branch() + ".lock"))) {
            Files.deleteIfExists(lock);
        }
        List<String> orphans = uncommittedSessions();
        if (!orphans.isEmpty()) {
            commit(orphans.stream().map(id -> SESSIONS + "/" + id).toList(),
                    "recover: " + orphans.size() + " session(s) from an interrupted save\n\nSession ID: "
                            + String.join(", ", orphans));
        }
        return orphans;
    }

    /** Complete session folders that no commit holds yet (a save killed between move and commit). */
    public List<String> uncommittedSessions() throws IOException {
        List<String> orphans = new java.util.ArrayList<>();
        java.util.Set<String> committed = SessionStore.sessionIds(git.getRepository(), Constants.HEAD);
        for (String id : new SessionStore(dir).ids()) {
            if (!committed.contains(id) && Files.isRegularFile(sessionsDir().resolve(id).resolve("metadata.json"))) {
                orphans.add(id);
            }
        }
        return orphans;
    }

    private ObjectId commit(List<String> paths, String message) throws IOException {
        try {
            var add = git.add();
            paths.forEach(add::addFilepattern);
            add.call();
            return git.commit().setMessage(message).setNoVerify(true).setSign(false)
                    .setCommitter(ident()).setAuthor(ident()).call().getId();
        } catch (GitAPIException e) {
            throw new IOException("cannot commit to the vault: " + e.getMessage(), e);
        }
    }

    private PersonIdent ident() {
        var cfg = git.getRepository().getConfig();
        return new PersonIdent(cfg.getString("user", null, "name") == null ? "continuum" : cfg.getString("user", null, "name"),
                cfg.getString("user", null, "email") == null ? "continuum@localhost" : cfg.getString("user", null, "email"));
    }

    /** Result of a push: ok, or why not (one line). */
    public record PushOutcome(boolean ok, String reason) {
    }

    /**
     * Pushes the vault branch. A non-fast-forward rejection (another machine pushed first) is
     * resolved by fetching and merging — session folders never collide — then pushing again.
     */
    public PushOutcome push() {
        if (remoteUrl() == null) {
            return new PushOutcome(false, "the vault has no remote");
        }
        String reason = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                RemoteRefUpdate.Status status = pushOnce();
                if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
                    return new PushOutcome(true, null);
                }
                if (status != RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
                        && status != RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED) {
                    return new PushOutcome(false, "the remote refused the push (" + status + ")");
                }
                reason = "the remote kept moving while merging";
                pullMerge();
            } catch (GitAPIException | IOException | RuntimeException e) {
                return new PushOutcome(false, Remotes.explain(e, env));
            }
        }
        return new PushOutcome(false, reason);
    }

    private RemoteRefUpdate.Status pushOnce() throws GitAPIException {
        String ref = Constants.R_HEADS + branch();
        Iterable<PushResult> results = remotes().apply(git.push().setRemote("origin")
                .setRefSpecs(new RefSpec(ref + ":" + ref)).setProgressMonitor(Progress.of(env))).call();
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

    /** pullMerge as an outcome instead of an exception. */
    public PushOutcome pullOnly() {
        try {
            pullMerge();
            return new PushOutcome(true, null);
        } catch (GitAPIException | IOException | RuntimeException e) {
            return new PushOutcome(false, Remotes.explain(e, env));
        }
    }

    /** Fetches the remote and merges its branch into the vault (a fast-forward when possible). */
    public void pullMerge() throws GitAPIException, IOException {
        remotes().apply(git.fetch().setRemote("origin").setProgressMonitor(Progress.of(env))).call();
        ObjectId theirs = git.getRepository().resolve("refs/remotes/origin/" + branch());
        if (theirs == null) {
            return; // the remote is still empty
        }
        ObjectId ours = git.getRepository().resolve(Constants.HEAD);
        if (ours == null) {
            // A fresh local vault: take the remote's branch as it is.
            var update = git.getRepository().updateRef(Constants.R_HEADS + branch());
            update.setNewObjectId(theirs);
            update.forceUpdate();
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(theirs.name()).call();
            return;
        }
        MergeResult m = git.merge().include(theirs).setCommit(true)
                .setMessage("merge sessions from " + Urls.withoutCredentials(remoteUrl())).call();
        if (!m.getMergeStatus().isSuccessful()) {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(ours.name()).call();
            throw new IOException("the vault could not merge the remote (" + m.getMergeStatus() + ")");
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
