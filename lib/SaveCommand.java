package lib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import lib.agent.Agent;
import lib.agent.Agent.AgentSession;
import lib.agent.Agents;
import lib.base.About;
import lib.base.Background;
import lib.base.Env;
import lib.base.Detached;
import lib.base.FileUtil;
import lib.base.Launcher;
import lib.base.Permissions;
import lib.base.Preload;
import lib.base.Profile;
import lib.base.TestHooks;
import lib.base.UserError;
import lib.git.JGitDefaults;
import lib.git.RemoteResult;
import lib.git.Remotes;
import lib.secrets.Redactor;
import lib.secrets.RuleSet;
import lib.secrets.UserRules;
import lib.session.HostInfo;
import lib.session.SessionFolder;
import lib.session.SessionId;
import lib.session.SessionMetadata;
import lib.session.SessionMetadata.AgentInfo;
import lib.session.SessionMetadata.GitInfo;
import lib.session.SessionMetadata.Redactions;
import lib.term.Console;
import lib.term.Progress;
import lib.vault.Vault;
import lib.vault.VaultLock;
import lib.workspace.Capture;
import lib.workspace.CaptureOptions;
import lib.workspace.LargeFileStamps;
import lib.workspace.WipBranch;
import lib.workspace.Workspace;

/**
 * The save story: conversation, git state and host into a new session folder, committed to the
 * vault and pushed. Nothing in the workspace changes. In JGit's style:
 * {@code new SaveCommand(env, dir).setDescription("...").setPush(false).call()}.
 */
public final class SaveCommand {
    private final Env env;
    private final Path workspaceDir;
    private String description;
    private String agentName;
    private String agentSessionId;
    private boolean push = true;
    private boolean wipPush = true;
    private boolean auto;
    private boolean descriptionFromAgent;
    private CaptureOptions options = CaptureOptions.defaults();
    private long transcriptBytes;
    private Console console = Console.silent();

    public SaveCommand(Env env, Path workspaceDir) {
        this.env = env;
        this.workspaceDir = workspaceDir;
    }

    public SaveCommand setDescription(String description) {
        this.description = description;
        return this;
    }

    /** The agent whose session to save (--agent); detected when null. */
    public SaveCommand setAgent(String name) {
        this.agentName = name;
        return this;
    }

    /** The agent's own session id (--session); found when null. */
    public SaveCommand setAgentSession(String id) {
        this.agentSessionId = id;
        return this;
    }

    public SaveCommand setPush(boolean push) {
        this.push = push;
        return this;
    }

    public SaveCommand setWipPush(boolean wipPush) {
        this.wipPush = wipPush;
        return this;
    }

    public SaveCommand setOptions(CaptureOptions options) {
        this.options = options;
        return this;
    }

    /**
     * The description is what the user typed after the agent's /nightnight: the agent records it
     * in its transcript only after this save has run, so a background step adds it then.
     */
    public SaveCommand setDescriptionFromAgent(boolean fromAgent) {
        this.descriptionFromAgent = fromAgent;
        return this;
    }

    /** Marks a save made by the agent's session-end hook, not by the user. */
    public SaveCommand setAuto(boolean auto) {
        this.auto = auto;
        return this;
    }

    public SaveCommand setConsole(Console console) {
        this.console = console;
        return this;
    }

    /** What a save produced. */
    public record Result(String sessionId, SessionMetadata metadata, boolean pushed, List<String> warnings) {
    }

    public Result call() throws IOException {
        if (!Files.isDirectory(workspaceDir)) {
            throw new UserError("workspace " + workspaceDir + " is not a folder");
        }
        // Everything that can be refused is checked before the first line is printed.
        Vault.checkSettings(env);
        // JGit's file-time probes go to a folder of continuum's own rather than the project's .git:
        // the vault's, continuum's cache, or the .git of the clone continuum runs from (usually
        // beside the user's projects), whichever is on the project's disk.
        List<Path> own = new ArrayList<>(List.of(env.vaultDir().resolve(".git"), env.cacheDir()));
        Launcher.checkout(env).ifPresent(c -> own.add(c.resolve(".git")));
        Preload.inBackground(() -> JGitDefaults.measureFileTimesIn(JGitDefaults.ownFolderFor(workspaceDir, own)));
        Agent agent = agentName != null ? Agents.named(env, agentName) : Agents.detect(env, workspaceDir);
        try (Workspace ws = Workspace.open(workspaceDir)) {
            RuleSet rules = UserRules.load(ws.root(), env.vaultDir());
            options = options.withRules(rules);
            Optional<AgentSession> session = agent.find(ws.root(), agentSessionId);
            if (!ws.isRepo() && session.isEmpty()) {
                throw new UserError("nothing to save in " + ws.root() + ": it is not a git repository and no "
                        + agent.name() + " conversation was found for it (use --session or --workspace)");
            }
            console.line("📸 Creating snapshot...");
            Profile.mark("workspace and conversation found");
            TestHooks.pauseAt("start", env);
            try (Vault vault = Vault.open(env, Vault.Need.CREATE, console)) {
                if (vault.cloneWarning() != null) {
                    console.warn(vault.cloneWarning());
                }
                return save(vault, ws, agent, session);
            }
        }
    }

    private Result save(Vault vault, Workspace ws, Agent agent, Optional<AgentSession> session) throws IOException {
        Profile.mark("vault open");
        String id = SessionId.next(LocalDateTime.now());
        Redactor redactor = new Redactor(options.rules());
        String desc = redactor.redact(description != null && !description.isBlank() ? description.strip()
                : "Session from " + (ws.root().getFileName() == null ? ws.root() : ws.root().getFileName()));
        SessionFolder staging = vault.local().newStagingFolder(id);
        // Where the transcript ends now: /nightnight's own entry is written after this point.
        transcriptBytes = session.isEmpty() ? 0 : Files.size(session.get().transcript());
        boolean moved = false;
        try {
            Redactor transcriptRedactor = new Redactor(options.rules());
            // The transcript copy and the git capture are independent and both heavy: side by side.
            CompletableFuture<Agent.Copied> copy = session.isEmpty() ? null : Background.start(() -> {
                Agent.Copied copied = agent.save(session.get(), staging, transcriptRedactor);
                Profile.mark("transcript copied");
                vault.storeAhead(staging.conversationFiles());
                Profile.mark("transcript stored in the vault");
                return copied;
            });
            // A save that keeps secrets does not scan, so it cannot vouch for a file it did not scan.
            LargeFileStamps stamps = !ws.isRepo() || options.includeSecrets() ? LargeFileStamps.NONE
                    : LargeFileStamps.load(vault.local().largeFileStamps(ws.root()), options.rules(), vault.local().objects());
            GitInfo git = ws.isRepo() ? Capture.capture(ws, staging, options, redactor, Progress.of(env), stamps) : null;
            TestHooks.pauseAt("git-captured", env);
            Profile.mark("workspace captured");
            AgentInfo agentInfo = reportConversation(agent, session, copy == null ? null : Background.join(copy));
            redactor.absorb(transcriptRedactor);
            TestHooks.pauseAt("after-conversation", env);
            HostInfo host = HostInfo.detect(env);
            git = reportGit(ws, git, host, staging);
            console.ok("Host: " + host.hostname() + " (" + host.kernel() + ")");
            TestHooks.pauseAt("after-git", env);
            Redactions redactions = new Redactions(redactor.total(), redactor.counts());
            if (redactor.total() > 0) {
                console.warn("Redacted " + redactor.total() + " secret(s) from the saved text: "
                        + String.join(", ", redactor.counts().keySet()));
            }
            SessionMetadata meta = new SessionMetadata(id,
                    OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), desc, ws.root().toString(),
                    host.hostname(), host.kernel(), git == null ? GitInfo.NOT_A_REPO : git,
                    SessionMetadata.FORMAT_VERSION, About.VERSION, agentInfo, host.os(), host.user(), redactions,
                    auto ? Boolean.TRUE : null, staging.bytes());
            staging.writeMetadata(meta);
            privatise(staging.dir());

            console.ok("Committing to continuum repo...");
            Profile.mark("metadata written");
            TestHooks.pauseAt("before-commit", env);
            try (VaultLock lock = vault.lock()) {
                List<String> recovered = vault.recover();
                if (!recovered.isEmpty()) {
                    console.ok("Recovered " + recovered.size() + " session(s) from an interrupted save");
                }
                moved = true;
                vault.commitSession(staging, desc);
            }
            TestHooks.pauseAt("before-push", env);
            Profile.mark("committed to the vault");
            boolean pushed = push(vault);
            Optional<String> describedBy = session.map(AgentSession::id).or(() -> Optional.ofNullable(agentSessionId))
                    .or(agent::sessionIdFromEnvironment);
            if (descriptionFromAgent && describedBy.isPresent()) {
                describeLater(vault, agent, describedBy.get(), id, transcriptBytes);
            }
            TestHooks.pauseAt("done", env);
            console.line("");
            console.line("Session ID: " + id);
            console.line("Sweet dreams! Resume with: ccc");
            return new Result(id, meta, pushed, console.warnings());
        } finally {
            if (!moved) {
                FileUtil.deleteTree(staging.dir());
            }
        }
    }

    private void describeLater(Vault vault, Agent agent, String agentSession, String id, long after) {
        try {
            boolean started = Detached.start(env, vault.local().logFile("describe"), List.of("describe", id, "--from-agent", agentSession,
                    "--agent", agent.name(), "--after", String.valueOf(after), "--wait", "120"));
            if (started) {
                console.ok("Description: your words after /" + DescribeCommand.SLASH_COMMAND + ", added in a moment");
            } else {
                console.warn("Could not start the step that adds /" + DescribeCommand.SLASH_COMMAND
                        + "'s words; set them with: continuum describe " + id + " <words>");
            }
        } catch (IOException e) {
            console.warn("Could not start the step that adds the description (" + e.getMessage() + ")");
        }
    }

    private AgentInfo reportConversation(Agent agent, Optional<AgentSession> session, Agent.Copied copied) {
        if (session.isEmpty()) {
            console.warn(agentSessionId != null
                    ? "No conversation found for session " + agentSessionId
                    : "No " + agent.name() + " conversation found for " + workspaceDir);
            return AgentInfo.none(agent.name());
        }
        AgentSession s = session.get();
        // The line names the agent and its session: with several agents the user sees which one was saved.
        console.ok("Saved conversation (" + agent.name() + " " + s.id().substring(0, Math.min(8, s.id().length())) + ")");
        if (copied.lines() == 0) {
            console.warn("The conversation file " + s.transcript() + " is empty");
        }
        if (copied.tornTail()) {
            console.warn("The conversation's last line was cut off (the agent was still writing it): saved as it is");
        }
        if (copied.invalidLines() > 0) {
            console.warn(copied.invalidLines() + " line(s) of the conversation are not valid UTF-8 or too long to parse: "
                    + "saved as they are, redacted as plain text");
        }
        return new AgentInfo(agent.name(), s.id(), s.transcript().toString(), s.foundBy(), copied.messages(),
                copied.lines(), copied.subagents(), transcriptBytes, agent.account().orElse(null));
    }

    private GitInfo reportGit(Workspace ws, GitInfo s, HostInfo host, SessionFolder staging) {
        if (ws.note() != null) {
            console.warn(ws.note());
        }
        if (s == null) {
            console.ok("Captured git state: N/A");
            return null;
        }
        console.ok("Captured git state: " + displayBranch(s) + (s.head() == null ? " (no commits yet)" : ""));
        if (s.state() != null) {
            console.warn("The repository is in the middle of " + s.state().toLowerCase().replace('_', ' ')
                    + "; conflicted files are saved as they are in the work tree");
        }
        for (SessionMetadata.LeftOut sk : s.skippedFiles()) {
            console.warn("Left out " + sk.path() + ": " + sk.reason());
        }
        for (SessionMetadata.CommittedSecret c : s.secretsInUnpushedCommits()) {
            console.warn("An unpushed commit adds a secret in " + c.path() + " (" + c.kind()
                    + "): it is in the bundle as committed; rewrite that commit before you push it");
        }
        if (s.hasUncommitted()) {
            console.ok("Stashed uncommitted files");
        }
        if (s.hasUnpushed() && wipPush && s.remoteUrl() != null && !s.detached()
                && !s.secretsInUnpushedCommits().isEmpty()) {
            console.warn("Not pushing a wip branch: an unpushed commit holds a secret (see above); "
                    + "the commits travel only in the private vault");
        } else if (s.hasUnpushed() && wipPush && s.remoteUrl() != null && !s.detached()) {
            String wip = WipBranch.name(host.hostname(), s.branch());
            Remotes origin = Remotes.forWorkspace(env).setWaitNotice(s.remoteUrl(), console::pending);
            RemoteResult r = WipBranch.push(ws.repo(), wip, origin, env);
            if (r.ok()) {
                console.ok("Pushed wip branch");
                try {
                    Files.writeString(staging.wipBranchFile(), wip + "\n");
                } catch (IOException ignored) {
                    // the wip branch name is also in metadata.json
                }
                return s.withWipBranch(wip);
            }
            console.warn("Could not push wip branch " + wip + ": " + r.problem());
        }
        return s;
    }

    private static String displayBranch(GitInfo g) {
        return g.detached() ? "HEAD (detached at " + g.head().substring(0, 7) + ")" : g.branch();
    }

    private boolean push(Vault vault) {
        if (vault.remoteUrl() == null) {
            console.ok("Kept in the local vault " + vault.dir() + " (no remote configured)");
            return false;
        }
        if (!push) {
            console.ok("Not pushed (--no-push); 'continuum sync' pushes it later");
            return false;
        }
        RemoteResult out = vault.push();
        if (out.ok()) {
            console.ok("Pushed to private repo");
            return true;
        }
        // The original tool's words, in continuum's one style for warnings.
        console.warn("Warning: Failed to push to continuum repo (" + out.problem() + ")");
        console.warn("Session saved locally but not synced to remote: 'continuum sync' pushes it later");
        return false;
    }

    private static void privatise(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p)) {
                    Permissions.privateDir(p);
                } else {
                    Permissions.privateFile(p);
                }
            }
        }
    }
}
