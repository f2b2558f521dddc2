package lib.vault;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import lib.base.Env;
import lib.base.Errors;
import lib.base.Permissions;
import lib.base.TestHooks;
import lib.base.UserError;
import lib.git.GitUrls;
import lib.git.JGitDefaults;
import lib.git.RemoteResult;
import lib.git.Remotes;
import lib.session.Session;
import lib.session.SessionFolder;
import lib.term.Console;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The vault: a git repository (CONTINUUM_HOME, default ~/.continuum) pushed to
 * CONTINUUM_REPO_URL or its own origin. Each session is a commit under its own ref, and one more
 * ref lists them all with their metadata (layout 2: SessionCommits, VaultIndex); sessions/&lt;id&gt;/
 * holds, for every listed session, its metadata.json, and all its files once this machine saved
 * or fetched it. A vault of the first layout (every session on one branch) is read as it is and
 * moved to layout 2 by the first write. Every verb gets the vault through open(env, need,
 * console), which alone decides whether to open, clone, create or pull, and says so when it goes
 * to the network.
 */
public final class Vault implements AutoCloseable {
    static {
        JGitDefaults.apply();
    }

    static final String SESSIONS = "sessions";
    private static final long LOCK_WAIT_MILLIS = 120_000;

    /** What a verb needs from the vault. */
    public enum Need {
        /** What is here; on a new machine whose remote is configured, a clone of it. */
        LOCAL,
        /** As LOCAL, then the sessions saved elsewhere pulled in (resume, sync). */
        LATEST,
        /** Created when there is none yet (cloned when a remote is configured): for writers. */
        CREATE
    }

    private final Path dir;
    private final Git git; // null: no vault here yet (nothing was asked to create one)
    private final Env env;
    private final Console console;
    private Remotes remotes; // made on first use (list and show never need SSH), then shared
    private String cloneWarning;
    private boolean fresh;
    private RemoteResult pulled;
    private Set<String> onRemote;
    private VaultIndex remoteIndex;
    private final Map<Path, SessionCommits.StoredFile> storedAhead = new ConcurrentHashMap<>();

    private Vault(Path dir, Git git, Env env, Console console) {
        this.dir = dir;
        this.git = git;
        this.env = env;
        this.console = console;
    }

    /**
     * Refuses settings that cannot work (CONTINUUM_HOME a file, CONTINUUM_REPO_URL not a git URL),
     * so a verb can check them before it prints or writes anything.
     */
    public static void checkSettings(Env env) {
        Path dir = env.vaultDir();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError("the vault path " + dir + " is a file, not a folder (set CONTINUUM_HOME elsewhere)");
        }
        String url = env.get("CONTINUUM_REPO_URL");
        String problem = url == null ? null : GitUrls.problem(url);
        if (problem != null) {
            throw new UserError("CONTINUUM_REPO_URL is not usable: " + problem + " (set it to your vault's git URL, "
                    + "e.g. git@github.com:you/continuum-vault.git)");
        }
    }

    public static Vault open(Env env, Need need, Console console) {
        checkSettings(env);
        Path dir = env.vaultDir();
        String url = env.get("CONTINUUM_REPO_URL");
        Vault v;
        if (VaultFolder.holdsOtherFiles(dir)) {
            throw new UserError("the vault path " + dir + " is not a git repository (move it away or set CONTINUUM_HOME)");
        }
        if (VaultFolder.exists(dir)) {
            v = existing(env, dir, console);
            if (need != Need.LOCAL && !Files.isWritable(dir.resolve(".git"))) {
                v.close();
                throw new UserError("the vault at " + dir + " is not writable (a read-only file system, or another "
                        + "user's folder): make it writable or set CONTINUUM_HOME elsewhere");
            }
        } else if (url == null && need != Need.CREATE) {
            return new Vault(dir, null, env, console);
        } else {
            v = VaultFolder.create(env, dir, url, need == Need.CREATE, console);
        }
        if (need == Need.LATEST && v.remoteUrl() != null && v.cloneWarning == null) {
            // A vault cloned a moment ago is as new as the remote.
            v.pulled = v.fresh ? RemoteResult.OK : v.pull();
        }
        return v;
    }

    /** True when this machine has a vault (nothing is created or cloned to find out). */
    public static boolean existsAt(Env env) {
        return VaultFolder.exists(env.vaultDir());
    }

    static Vault existing(Env env, Path dir, Console console) {
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
            Vault v = new Vault(dir, new Git(repo, true), env, console);
            v.adoptRemoteUrl();
            return v;
        } catch (IOException e) {
            throw new UserError("the vault at " + dir + " is not a readable git repository: " + e.getMessage(), e);
        }
    }

    static Vault made(Env env, Path dir, Console console, String cloneWarning, Remotes remotes) {
        Vault v = existing(env, dir, console);
        v.cloneWarning = cloneWarning;
        v.remotes = remotes;
        v.fresh = true;
        return v;
    }

    /** A vault just made from a remote's list: every listed session gets its folder (metadata). */
    void relistIfNew() {
        try {
            if (layout() == 2 && git().getRepository().exactRef(VaultIndex.REF) != null) {
                try (VaultLock lock = lock()) {
                    VaultRepair.syncFolders(this, VaultIndex.read(git().getRepository(), VaultIndex.REF));
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot write the vault's session list at " + dir + ": " + Errors.oneLine(e), e);
        }
    }

    /** True when there is a vault on this machine (false on a new machine that configured nothing). */
    public boolean exists() {
        return git != null;
    }

    /** Why the vault could not be cloned from its remote at creation (a local one was started), or null. */
    public String cloneWarning() {
        return cloneWarning;
    }

    /** For Need.LATEST with a remote: how pulling the remote's sessions went; else null. */
    public RemoteResult pulled() {
        return pulled;
    }

    public Path dir() {
        return dir;
    }

    Path sessionsDir() {
        return dir.resolve(SESSIONS);
    }

    public SessionStore sessions() {
        return new SessionStore(sessionsDir());
    }

    /** The vault's git repository (only for a vault that exists). */
    public Git git() {
        if (git == null) {
            throw new IllegalStateException("no vault at " + dir);
        }
        return git;
    }

    public String remoteUrl() {
        return git == null ? null : git.getRepository().getConfig().getString("remote", "origin", "url");
    }

    /** The remote as it may be printed. */
    public String remoteShown() {
        return GitUrls.withoutCredentials(remoteUrl());
    }

    public String branch() {
        try {
            String b = git().getRepository().getBranch();
            return b == null ? "main" : b;
        } catch (IOException e) {
            return "main";
        }
    }

    /** Whether a session is on the remote: PUSHED, NOT_PUSHED, or LOCAL_ONLY for a vault without a remote. */
    public enum PushState { PUSHED, NOT_PUSHED, LOCAL_ONLY }

    public PushState pushState(String sessionId) {
        if (remoteUrl() == null) {
            return PushState.LOCAL_ONLY;
        }
        if (layout() == 2) {
            try {
                if (remoteIndex == null) {
                    remoteIndex = VaultIndex.read(git().getRepository(), VaultIndex.TRACKING);
                }
                return remoteIndex.has(sessionId) ? PushState.PUSHED : PushState.NOT_PUSHED;
            } catch (IOException e) {
                return PushState.NOT_PUSHED;
            }
        }
        if (onRemote == null) {
            try {
                onRemote = SessionStore.sessionIds(git().getRepository(), "refs/remotes/origin/" + branch());
            } catch (IOException e) {
                onRemote = Set.of();
            }
        }
        return onRemote.contains(sessionId) ? PushState.PUSHED : PushState.NOT_PUSHED;
    }

    /**
     * 2 when sessions are under their own refs, 1 for a vault every session of which is on one
     * branch (made by an earlier release or the original tool, and not written since).
     */
    public int layout() {
        try {
            return git().getRepository().getConfig().getInt("continuum", null, "layout", 1) >= 2
                    || git().getRepository().exactRef(VaultIndex.REF) != null ? 2 : 1;
        } catch (IOException e) {
            return 1;
        }
    }

    /** Moves a vault of layout 1 to layout 2 (see VaultRepair.toLayout2); nothing for one already there. */
    public void toLayout2() throws IOException {
        if (layout() < 2) {
            try (VaultLock lock = lock()) {
                VaultRepair.toLayout2(this);
            }
        }
    }

    /** Whether the agent's session-end hook saves automatically (the vault's continuum.autosave; on by default). */
    public boolean autoSave() {
        return git == null || git.getRepository().getConfig().getBoolean("continuum", null, "autosave", true);
    }

    public void setAutoSave(boolean on) throws IOException {
        var cfg = git().getRepository().getConfig();
        cfg.setBoolean("continuum", null, "autosave", on);
        cfg.save();
    }

    /** Serialises writers on one machine (see VaultLock); waits a bounded time, saying so. */
    public VaultLock lock() throws IOException {
        return lock(LOCK_WAIT_MILLIS);
    }

    VaultLock lock(long waitMillis) throws IOException {
        return VaultLock.acquire(local().lockFile(), console, waitMillis);
    }

    /** What the vault keeps for this machine alone: staging folders, resume marks, logs. */
    public LocalState local() {
        return new LocalState(git().getRepository().getDirectory().toPath());
    }

    /**
     * Stores finished files of a staging folder (the transcript, while the workspace is still
     * being captured) so that commitSession, under the lock, need not read them again.
     */
    public void storeAhead(List<Path> files) throws IOException {
        if (git != null) {
            storedAhead.putAll(SessionCommits.store(git.getRepository(), files, crypto()));
        }
    }

    /**
     * Commits a finished staging folder under the session's own ref, moves it into sessions/ and
     * adds it to the list. Call with the lock held.
     */
    public ObjectId commitSession(SessionFolder staged, String description) throws IOException {
        toLayout2();
        String id = staged.id();
        Repository repo = git().getRepository();
        VaultCrypto crypto = crypto();
        // An encrypted vault's commit messages say nothing its files do not (no description).
        ObjectId commit = SessionCommits.commitFolder(repo, staged.dir(), id, ident(),
                (crypto.encrypted() ? "snapshot" : "snapshot: " + description) + "\n\nSession ID: " + id, crypto, storedAhead);
        TestHooks.pauseAt("after-session-ref", env);
        Path target = sessionsDir().resolve(id);
        Files.createDirectories(sessionsDir());
        try {
            Files.move(staged.dir(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot move the session into the vault in one step: " + e.getMessage(), e);
        }
        try {
            Files.delete(staged.dir().getParent()); // this process's staging folder, when now empty
        } catch (IOException e) {
            // another session of this process is being written there
        }
        TestHooks.pauseAt("after-move", env);
        list(id, commit, "save " + id);
        return commit;
    }

    /** Points the session's entry in the vault's list at the metadata of its commit. */
    private void list(String id, ObjectId commit, String why) throws IOException {
        Repository repo = git().getRepository();
        VaultIndex index = VaultIndex.read(repo, VaultIndex.REF);
        index.put(id, SessionCommits.metadataBlob(repo, commit));
        index.store(repo, VaultIndex.REF, ident(), why);
    }

    /** Gives a committed session a new description: its metadata rewritten and committed, under the lock. */
    public void describe(String sessionId, String description) throws IOException {
        toLayout2();
        withContent(sessions().load(sessionId));
        try (VaultLock lock = lock()) {
            SessionFolder folder = SessionFolder.at(sessionsDir().resolve(sessionId));
            var s = folder.load();
            if (s.damaged()) {
                throw new UserError("session " + sessionId + " cannot be described: " + s.damage());
            }
            folder.writeDescription(description);
            Repository repo = git().getRepository();
            VaultCrypto crypto = crypto();
            ObjectId commit = SessionCommits.withMetadata(repo, sessionId, Files.readAllBytes(folder.dir().resolve(SessionFolder.METADATA)),
                    ident(), (crypto.encrypted() ? "describe" : "describe: " + description) + "\n\nSession ID: " + sessionId, crypto);
            list(sessionId, commit, "describe " + sessionId);
        }
    }

    /**
     * Finishes what a save killed half-way left behind: stale git lock files, a half-written
     * staging area, sessions committed but not listed, folders moved in but not committed; and
     * moves a vault of layout 1 to layout 2. Call with the lock held. Returns the sessions it
     * recovered.
     */
    public List<String> recover() throws IOException {
        Path gitDir = dir.resolve(".git");
        local().removeStagingOfEndedSaves();
        for (Path lock : List.of(gitDir.resolve("index.lock"), gitDir.resolve("HEAD.lock"),
                gitDir.resolve("refs/heads").resolve(branch() + ".lock"), gitDir.resolve(VaultIndex.REF + ".lock"))) {
            Files.deleteIfExists(lock);
        }
        VaultRepair.toLayout2(this);
        return VaultRepair.relist(this);
    }

    /** Complete session folders that no commit holds yet (a save killed between move and commit). */
    public List<String> uncommittedSessions() throws IOException {
        List<String> orphans = new ArrayList<>();
        Repository repo = git().getRepository();
        boolean v2 = layout() == 2;
        Set<String> committed = v2 ? SessionCommits.local(repo).keySet() : SessionStore.sessionIds(repo, Constants.HEAD);
        VaultIndex listed = v2 ? VaultIndex.read(repo, VaultIndex.REF) : VaultIndex.empty();
        for (String id : sessions().ids()) {
            if (!committed.contains(id) && !listed.has(id) && SessionFolder.at(sessionsDir().resolve(id)).isComplete()) {
                orphans.add(id);
            }
        }
        return orphans;
    }

    /**
     * The session with all its files here: a session this machine only knows from the list is
     * fetched from the remote (its own ref, nothing else) and written into its folder.
     */
    public Session withContent(Session s) throws IOException {
        if (!exists() || layout() < 2) {
            return s;
        }
        Repository repo = git().getRepository();
        ObjectId commit = SessionCommits.local(repo, s.id());
        if (commit == null && (!VaultIndex.read(repo, VaultIndex.REF).has(s.id()) || VaultRepair.holdsMoreThanMetadata(s.folder()))) {
            return s; // files written here and not committed yet (a killed save; the next write commits them)
        }
        if (commit == null) {
            if (remoteUrl() == null) {
                throw new UserError("session " + s.id() + " is listed but its files are not in this vault, which has no "
                        + "remote to fetch them from (set CONTINUUM_REPO_URL)");
            }
            console.pending("Fetching session " + s.id() + " from " + remoteShown());
            RemoteResult r = new VaultSync(this, env).fetchSession(s.id());
            if (!r.ok()) {
                throw new UserError("could not fetch session " + s.id() + " from " + remoteShown() + ": " + r.problem()
                        + " (try again when the remote can be reached)");
            }
            commit = SessionCommits.local(repo, s.id());
            if (commit == null) {
                throw new UserError("session " + s.id() + " is listed but the remote no longer has it (pruned elsewhere?): "
                        + "'continuum doctor --fix' tidies the list");
            }
        }
        try (VaultLock lock = lock()) {
            VaultRepair.materialize(this, s.id(), commit);
        }
        return sessions().load(s.id());
    }

    /**
     * The vault's encryption: its recipients come from its list (so every machine encrypts for
     * all of them), this machine's identity from CONTINUUM_IDENTITY or ~/.config/continuum.
     */
    public VaultCrypto crypto() throws IOException {
        return crypto(VaultIndex.read(git().getRepository(), VaultIndex.REF));
    }

    /** As crypto(), from a list already read. */
    VaultCrypto crypto(VaultIndex listed) {
        return new VaultCrypto(git().getRepository(), listed.recipients(), Identity.of(env));
    }

    /** Encrypts this vault's new saves for one more age public key (this machine's, or another's). Call with the lock held. */
    public void addRecipient(String key) throws IOException {
        toLayout2();
        Repository repo = git().getRepository();
        VaultIndex index = VaultIndex.read(repo, VaultIndex.REF);
        index.addRecipient(Identity.checkRecipient(key));
        index.store(repo, VaultIndex.REF, ident(), "recipient " + key);
    }

    /**
     * Commits a session again, encrypted for the vault's recipients now, in place of its earlier
     * commit (plain, or for fewer keys); the next push replaces the remote's ref with it.
     */
    public void reencrypt(String id) throws IOException {
        withContent(sessions().load(id));
        try (VaultLock lock = lock()) {
            ObjectId commit = SessionCommits.commitFolder(git().getRepository(), sessionsDir().resolve(id), id, ident(),
                    "snapshot\n\nSession ID: " + id, crypto(), Map.of());
            list(id, commit, "encrypt " + id);
            Files.writeString(dir.resolve(".git").resolve(VaultSync.REPLACE), id + "\n", java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** The vault's layout and whether its refs, list and remote agree (reads the remote's refs and list). */
    public VaultHealth health() throws IOException {
        return VaultHealth.of(this);
    }

    /** Repairs what health() found; one line per repair. */
    public List<String> repair(VaultHealth health) throws IOException {
        try {
            return health.fix(this);
        } catch (IOException | UserError e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(Errors.oneLine(e), e);
        }
    }

    /** The bytes of a session's files on this machine, or -1 when only its list entry is here. */
    public long localBytes(String id) throws IOException {
        SessionFolder f = SessionFolder.at(sessionsDir().resolve(id));
        return VaultRepair.holdsMoreThanMetadata(f) ? f.bytes() : -1;
    }

    /**
     * Removes sessions from this vault and marks them pruned in its list; the next push deletes
     * their refs on the remote. Call with the lock held.
     */
    public void prune(List<String> ids) throws IOException {
        toLayout2();
        Repository repo = git().getRepository();
        VaultIndex index = VaultIndex.read(repo, VaultIndex.REF);
        for (String id : ids) {
            index.prune(id);
        }
        index.store(repo, VaultIndex.REF, ident(), "prune " + ids.size() + " session(s)");
        for (String id : ids) {
            VaultRepair.dropLocal(this, id);
        }
    }

    PersonIdent ident() {
        var cfg = git().getRepository().getConfig();
        try {
            if (!VaultIndex.read(git().getRepository(), VaultIndex.REF).recipients().isEmpty()) {
                return new PersonIdent("continuum", "continuum@vault"); // no host name on an encrypted vault's commits
            }
        } catch (IOException e) {
            // the plain identity below
        }
        String name = cfg.getString("user", null, "name");
        String email = cfg.getString("user", null, "email");
        return new PersonIdent(name == null ? "continuum" : name, email == null ? "continuum@localhost" : email);
    }

    /** Pushes the vault's sessions, merging what another machine pushed first (see VaultSync). */
    public RemoteResult push() {
        if (remoteUrl() == null) {
            return RemoteResult.failed("the vault has no remote");
        }
        onRemote = null;
        remoteIndex = null;
        return new VaultSync(this, env).push();
    }

    /** Fetches the remote and merges its sessions in, under the lock. */
    public RemoteResult pull() {
        if (remoteUrl() == null) {
            return RemoteResult.failed("the vault has no remote");
        }
        onRemote = null;
        remoteIndex = null;
        return new VaultSync(this, env).pull();
    }

    Remotes remotes() {
        if (remotes == null) {
            remotes = remotesFor(env, remoteUrl(), console);
        }
        return remotes;
    }

    /** The vault's way to its remote: says so on one line when the remote is slow to answer. */
    static Remotes remotesFor(Env env, String remoteUrl, Console console) {
        return Remotes.forVault(env).setWaitNotice(remoteUrl, console::pending);
    }

    Env env() {
        return env;
    }

    Console console() {
        return console;
    }

    /** CONTINUUM_REPO_URL wins over the vault's recorded origin, and becomes it. */
    private void adoptRemoteUrl() throws IOException {
        String wanted = env.get("CONTINUUM_REPO_URL");
        String current = git.getRepository().getConfig().getString("remote", "origin", "url");
        if (wanted != null && !wanted.equals(current)) {
            VaultFolder.configure(git.getRepository(), env, wanted);
        }
    }

    @Override
    public void close() {
        if (git != null) {
            git.close();
        }
    }
}
