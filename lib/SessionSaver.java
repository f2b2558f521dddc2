package lib;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;

/** The save story, step by step, in the seed's words. The verb only parses options and calls this. */
public final class SessionSaver {
    public static final String VERSION = "0.1.0";
    public static final int FORMAT_VERSION = 1;

    public record Request(Path workspace, String description, String agentSessionId, boolean push,
                          boolean wipPush, boolean includeSecrets, long maxFileBytes) {
    }

    public record Result(String sessionId, ObjectNode metadata, boolean pushed, List<String> warnings) {
    }

    private final Env env;

    public SessionSaver(Env env) {
        this.env = env;
    }

    public Result save(Request req, Console console) throws IOException {
        Path workspace = ClaudeCode.realPath(req.workspace());
        if (!Files.isDirectory(workspace)) {
            throw new UserError("workspace " + workspace + " is not a folder");
        }
        console.line("📸 Creating snapshot...");
        SaveHooks.pauseAt("start", env);
        try (Vault vault = Vault.openOrCreate(env); AutoCloseable lock = vault.lock(console, 120_000)) {
            if (vault.cloneWarning() != null) {
                console.warn(vault.cloneWarning());
            }
            List<String> recovered = vault.recover();
            if (!recovered.isEmpty()) {
                console.ok("Recovered " + recovered.size() + " session(s) from an interrupted save");
            }
            return saveLocked(req, workspace, vault, console);
        } catch (UserError | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private Result saveLocked(Request req, Path workspace, Vault vault, Console console) throws IOException {
        String id = SessionId.next(LocalDateTime.now());
        Redactor redactor = new Redactor();
        String description = redactor.redact(req.description() != null && !req.description().isBlank()
                ? req.description().strip() : "Session from " + workspace.getFileName());
        Path staging = vault.newStagingDir(id);
        boolean moved = false;
        try {
            ObjectNode meta = Json.MAPPER.createObjectNode();
            meta.put("session_id", id);
            meta.put("timestamp", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
            meta.put("description", description);
            capture(req, workspace, staging, redactor, console, id, meta);
            SaveHooks.pauseAt("after-git", env);
            recordRedactions(meta, redactor, console);
            Files.writeString(staging.resolve("metadata.json"), Json.MAPPER.writeValueAsString(meta) + "\n");
            privatise(staging);

            console.ok("Committing to continuum repo...");
            SaveHooks.pauseAt("before-commit", env);
            moved = true;
            vault.commitSession(staging, id, description);
            SaveHooks.pauseAt("before-push", env);
            boolean pushed = push(req, vault, console);
            SaveHooks.pauseAt("done", env);
            console.line("");
            console.line("Session ID: " + id);
            console.line("Sweet dreams! Resume with: ccc");
            return new Result(id, meta, pushed, console.warnings());
        } finally {
            if (!moved) {
                FileUtil.deleteTree(staging);
            }
        }
    }

    /**
     * Conversation, git state and host into staging and meta. The transcript copy and the git
     * capture are independent and both heavy: they run side by side, then report in the seed's order.
     */
    private void capture(Request req, Path workspace, Path staging, Redactor redactor, Console console, String id,
                         ObjectNode meta) throws IOException {
        Redactor transcriptRedactor = new Redactor();
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "transcript-copy");
            t.setDaemon(true);
            return t;
        });
        Future<Conversation> conversation = pool.submit(() -> copyConversation(req, workspace, staging, transcriptRedactor));
        pool.shutdown();
        try (Repository repo = openWorkspace(workspace, console)) {
            Object gitResult = captureQuietly(repo, req, staging, redactor);
            SaveHooks.pauseAt("git-captured", env);
            ObjectNode agent = reportConversation(await(conversation), console);
            redactor.absorb(transcriptRedactor);
            SaveHooks.pauseAt("after-conversation", env);
            Path root = repo == null ? workspace : ClaudeCode.realPath(repo.getWorkTree().toPath());
            meta.put("workspace_path", root.toString());
            HostInfo host = HostInfo.detect(env);
            meta.put("hostname", host.hostname());
            meta.put("kernel_version", host.kernel());
            meta.set("git", reportGit(repo, gitResult, req, staging, console, id));
            console.ok("Host: " + host.hostname() + " (" + host.kernel() + ")");
            meta.put("format_version", FORMAT_VERSION);
            meta.put("continuum_version", VERSION);
            meta.set("agent", agent);
            meta.put("os", host.os());
            meta.put("user", host.user());
        }
    }

    private static void recordRedactions(ObjectNode meta, Redactor redactor, Console console) {
        ObjectNode red = meta.putObject("redactions");
        red.put("count", redactor.total());
        ObjectNode kinds = red.putObject("kinds");
        redactor.counts().forEach(kinds::put);
        if (redactor.total() > 0) {
            console.warn("Redacted " + redactor.total() + " secret(s) from the saved text: "
                    + String.join(", ", redactor.counts().keySet()));
        }
    }

    /** The workspace's repository; a bare one has no work tree, so it is saved like a plain folder. */
    private static Repository openWorkspace(Path workspace, Console console) throws IOException {
        try {
            return WorkspaceSnapshot.open(workspace);
        } catch (UserError e) {
            console.warn(e.getMessage());
            return null;
        }
    }

    /** What the transcript copy found and wrote; null found means no transcript. */
    private record Conversation(String sessionIdAsked, Path workspace, Path searched, Transcript.Found found,
                                Transcript.Copied copied, int subagents) {
    }

    private Conversation copyConversation(Request req, Path workspace, Path staging, Redactor redactor)
            throws IOException {
        ClaudeCode claude = ClaudeCode.of(env);
        Optional<Transcript.Found> found = Transcript.locate(claude, workspace, req.agentSessionId(), env);
        if (found.isEmpty()) {
            return new Conversation(req.agentSessionId(), workspace, claude.projectsDir(), null, null, 0);
        }
        Transcript.Found t = found.get();
        Transcript.Copied copied = SavedConversation.write(t.file(), staging, redactor);
        int subagents = copySubagents(t.subagentsDir(), staging.resolve("subagents"), redactor);
        return new Conversation(req.agentSessionId(), workspace, claude.projectsDir(), t, copied, subagents);
    }

    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UserError u) {
                throw u;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(Errors.oneLine(cause), cause);
        }
    }

    private ObjectNode reportConversation(Conversation c, Console console) {
        ObjectNode agent = Json.MAPPER.createObjectNode();
        agent.put("name", "claude-code");
        if (c.found() == null) {
            console.warn(c.sessionIdAsked() != null
                    ? "No conversation found for session " + c.sessionIdAsked() + " under " + c.searched()
                    : "No conversation found for " + env.cwd() + " under " + c.searched());
            agent.putNull("session_id");
            return agent;
        }
        Transcript.Found t = c.found();
        console.ok("Saved conversation");
        if (c.copied().lines() == 0) {
            console.warn("The conversation file " + t.file() + " is empty");
        }
        if (c.copied().truncatedLastLine()) {
            console.warn("The conversation's last line was cut off (saved as it is)");
        }
        agent.put("session_id", t.sessionId());
        agent.put("transcript_file", t.file().toString());
        agent.put("found_by", t.how());
        agent.put("message_count", c.copied().messages());
        agent.put("line_count", c.copied().lines());
        agent.put("subagent_count", c.subagents());
        return agent;
    }

    private static int copySubagents(Path from, Path to, Redactor redactor) throws IOException {
        if (!Files.isDirectory(from)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(f) && f.getFileName().toString().endsWith(".jsonl")) {
                    Files.createDirectories(to);
                    Transcript.copyRedacted(f, to.resolve(f.getFileName().toString()), redactor);
                    n++;
                }
            }
        }
        return n;
    }

    /** The snapshot, or the exception that stopped it (reported later, in order). */
    private Object captureQuietly(Repository repo, Request req, Path staging, Redactor redactor) {
        if (repo == null) {
            return null;
        }
        try {
            return WorkspaceSnapshot.capture(repo, staging,
                    new WorkspaceSnapshot.Options(req.includeSecrets(), req.maxFileBytes()), redactor, Progress.of(env));
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    private ObjectNode reportGit(Repository repo, Object captured, Request req, Path staging, Console console,
                                 String id) {
        ObjectNode git = Json.MAPPER.createObjectNode();
        if (repo == null) {
            git.put("is_repo", false);
            console.ok("Captured git state: N/A");
            return git;
        }
        if (captured instanceof Throwable e) {
            git.put("is_repo", true);
            console.warn("Could not capture git state: " + Errors.oneLine(e));
            return git;
        }
        WorkspaceSnapshot.GitState s = (WorkspaceSnapshot.GitState) captured;
        console.ok("Captured git state: " + s.displayBranch() + (s.head() == null ? " (no commits yet)" : ""));
        if (s.state() != null) {
            console.warn("The repository is in the middle of " + s.state().toLowerCase().replace('_', ' ')
                    + "; conflicted files are saved as they are in the work tree");
        }
        for (WorkspaceSnapshot.Skipped sk : s.skipped()) {
            console.warn("Left out " + sk.path() + ": " + sk.reason());
        }
        for (WorkspaceSnapshot.Skipped c : s.secretsInCommits()) {
            console.warn("An unpushed commit adds a secret in " + c.path() + " (" + c.reason()
                    + "): it is in the bundle as committed; rewrite that commit before you push it");
        }
        if (s.hasUncommitted()) {
            console.ok("Stashed uncommitted files");
        }
        String wip = null;
        if (s.hasUnpushed() && req.wipPush() && s.remoteUrl() != null && !s.detached()) {
            wip = "claude-wip/" + s.branch() + "-" + id;
            String problem = WipBranch.push(repo, wip, Remotes.forWorkspace(env), env);
            if (problem == null) {
                console.ok("Pushed wip branch");
                writeQuietly(staging.resolve("wip-branch"), wip + "\n");
            } else {
                console.warn("Could not push wip branch " + wip + ": " + problem);
                wip = null;
            }
        }
        git.put("is_repo", true);
        git.put("branch", s.branch());
        git.put("has_uncommitted", s.hasUncommitted());
        git.put("has_unpushed", s.hasUnpushed());
        git.put("head", s.head());
        git.put("detached", s.detached());
        git.put("upstream", s.upstream());
        git.put("remote_url", s.remoteUrl());
        git.put("snapshot_commit", s.snapshotCommit());
        git.put("index_commit", s.indexCommit());
        git.put("snapshot_tree", s.snapshotTree());
        git.put("index_tree", s.indexTree());
        git.put("wip_branch", wip);
        git.put("unpushed_count", s.unpushedCount());
        git.put("untracked_count", s.untrackedCount());
        git.put("changed_count", s.changedCount());
        ArrayNode skipped = git.putArray("skipped_files");
        s.skipped().forEach(sk -> skipped.addObject().put("path", sk.path()).put("reason", sk.reason()));
        ArrayNode prereq = git.putArray("bundle_prerequisites");
        s.prerequisites().forEach(prereq::add);
        git.put("state", s.state());
        ArrayNode committedSecrets = git.putArray("secrets_in_unpushed_commits");
        s.secretsInCommits().forEach(c -> committedSecrets.addObject().put("path", c.path()).put("kind", c.reason()));
        return git;
    }

    private boolean push(Request req, Vault vault, Console console) {
        if (vault.remoteUrl() == null) {
            console.ok("Kept in the local vault " + vault.dir() + " (no remote configured)");
            return false;
        }
        if (!req.push()) {
            console.ok("Not pushed (--no-push); 'continuum sync' pushes it later");
            return false;
        }
        Vault.PushOutcome out = vault.push();
        if (out.ok()) {
            console.ok("Pushed to private repo");
            return true;
        }
        // The seed's two lines exactly, then the reason.
        console.line("⚠️  Warning: Failed to push to continuum repo");
        console.line("Session saved locally but not synced to remote");
        console.line("  (" + out.reason() + ")");
        console.recordWarning("Failed to push to continuum repo: " + out.reason());
        return false;
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException ignored) {
            // the wip branch name is also in metadata.json
        }
    }

    private static void privatise(Path dir) throws IOException {
        Permissions.privateDir(dir);
        try (Stream<Path> all = Files.walk(dir)) {
            all.forEach(p -> {
                if (Files.isDirectory(p)) {
                    Permissions.privateDir(p);
                } else {
                    Permissions.privateFile(p);
                }
            });
        }
    }
}
