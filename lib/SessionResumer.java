package lib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/** The resume story after a session is chosen: workspace, branch, changes, conversation, agent. */
public final class SessionResumer {
    public record Request(Path workspace, boolean launch, boolean force) {
    }

    private final Env env;

    public SessionResumer(Env env) {
        this.env = env;
    }

    /** Returns the exit status: claude's when it was started, else 0. */
    public int resume(SessionInfo s, Request req, Console console, String syncLine, boolean synced)
            throws IOException, InterruptedException {
        if (s.damaged()) {
            throw new UserError("session " + s.id() + " is damaged (" + s.damage() + ") and cannot be restored");
        }
        console.line("🔄 Restoring session: " + s.description());
        if (syncLine != null) {
            if (synced) {
                console.ok(syncLine);
            } else {
                console.warn(syncLine);
            }
        }
        Remotes remotes = Remotes.forWorkspace(env);
        RestoreTarget.Choice target = RestoreTarget.choose(req.workspace(), env.cwd(), s, remotes, env);
        Path dir = ClaudeCode.realPath(target.dir());
        SaveHooks.pauseAt("resume-target", env);
        console.ok("Workspace: " + dir + " (" + target.how() + ")");
        if (s.isRepo()) {
            restoreGit(s, dir, target.fresh(), req, remotes, console);
        }
        SaveHooks.pauseAt("resume-git", env);
        String agentId = placeConversation(s, dir, console);
        SaveHooks.pauseAt("resume-conversation", env);
        return launch(dir, agentId, req.launch(), console);
    }

    private void restoreGit(SessionInfo s, Path dir, boolean fresh, Request req, Remotes remotes, Console console)
            throws IOException {
        try (Repository repo = WorkspaceSnapshot.open(dir)) {
            // A folder cloned a moment ago is clean by construction: no need to hash every file twice.
            if (!fresh && s.hasBundle() && WorkspaceRestore.matches(repo, s)) {
                console.ok("Branch: " + s.branch() + " (unchanged)");
                console.ok("Changes: the workspace already matches the snapshot");
                warnLeftOut(s, console);
                return;
            }
            if (!fresh && !WorkspaceRestore.isClean(repo)) {
                if (!req.force()) {
                    throw new UserError("the workspace " + dir + " has uncommitted changes: commit or stash them, "
                            + "or use --force (which first saves them as a safety snapshot)");
                }
                safetySnapshot(repo, dir, s, console);
            }
            if (fresh && !s.hasBundle()) {
                WorkspaceRestore.checkoutHead(repo); // cloned without a checkout; the patch applies on top
            }
            if (s.hasBundle()) {
                WorkspaceRestore.Outcome o = WorkspaceRestore.restore(repo, s, remotes, fresh);
                String at = o.head() == null ? " (no commits yet)" : " at " + o.head().substring(0, 7);
                if (o.movedToNewBranch()) {
                    console.warn("Branch " + s.branch() + " has newer commits here; restored onto " + o.branch() + at);
                } else {
                    console.ok("Branch: " + (o.branch() == null ? "detached HEAD" : o.branch()) + at);
                }
                console.ok("Changes restored: " + s.git().path("changed_count").asInt(0) + " changed, "
                        + s.git().path("untracked_count").asInt(0) + " untracked (index staged as it was)");
            } else if (Files.isRegularFile(s.file("snapshot.patch"))) {
                console.warn("This session has no bundle (saved by the original tool): applying snapshot.patch; "
                        + "untracked and binary files may be missing");
                WorkspaceRestore.applyPatch(repo, s.file("snapshot.patch"));
                console.ok("Changes applied from snapshot.patch");
            } else {
                console.warn("This session holds no workspace changes to restore");
            }
            warnLeftOut(s, console);
        }
    }

    private static void warnLeftOut(SessionInfo s, Console console) {
        List<String> leftOut = new ArrayList<>();
        s.git().path("skipped_files").forEach(f -> leftOut.add(f.path("path").asText()));
        if (!leftOut.isEmpty()) {
            console.warn("Left out when saved, so not restored: " + String.join(", ", leftOut));
        }
    }

    private void safetySnapshot(Repository repo, Path dir, SessionInfo s, Console console) throws IOException {
        Console quiet = new Console(new java.io.PrintWriter(java.io.Writer.nullWriter()), true, false);
        SessionSaver.Result safety = new SessionSaver(env).save(new SessionSaver.Request(dir,
                "Safety snapshot before resuming " + s.id(), null, true, false, false,
                WorkspaceSnapshot.DEFAULT_MAX_FILE_BYTES), quiet);
        console.ok("Saved the workspace's current changes as " + safety.sessionId());
        try (Git git = new Git(repo)) {
            git.reset().setMode(ResetCommand.ResetType.HARD).call();
            git.clean().setCleanDirectories(true).call();
        } catch (GitAPIException e) {
            throw new IOException("could not clear the workspace after the safety snapshot: " + e.getMessage(), e);
        }
    }

    /** Puts the transcript where Claude Code looks for it; returns the agent session id, if any. */
    private String placeConversation(SessionInfo s, Path dir, Console console) throws IOException {
        if (!SavedConversation.exists(s.dir())) {
            console.warn("No conversation in this session: starting a new one");
            return null;
        }
        String agentId = s.agentSessionId();
        if (agentId == null) {
            agentId = firstSessionId(s.dir());
        }
        if (!Transcript.isUuid(agentId)) {
            console.warn("The saved conversation has no Claude Code session id; read it with 'continuum show "
                    + s.id() + " --transcript'");
            return null;
        }
        ClaudeCode claude = ClaudeCode.of(env);
        Path project = claude.projectDir(dir);
        Path dest = project.resolve(agentId + ".jsonl");
        backUpIfDifferent(dest, console);
        String oldCwd = s.workspacePath();
        Transcript.placeForResume(SavedConversation.open(s.dir()), dest, oldCwd, dir.toString());
        Path subagents = s.file("subagents");
        if (Files.isDirectory(subagents)) {
            try (Stream<Path> files = Files.list(subagents)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Transcript.placeForResume(Files.newBufferedReader(f), project.resolve(agentId).resolve("subagents").resolve(f.getFileName()),
                            oldCwd, dir.toString());
                }
            }
        }
        console.ok("Conversation: " + dest);
        return agentId;
    }

    /** A newer transcript of the same session on this machine is kept beside, never overwritten. */
    private static void backUpIfDifferent(Path dest, Console console) throws IOException {
        if (!Files.isRegularFile(dest)) {
            return;
        }
        Path backup = dest.resolveSibling(dest.getFileName() + ".before-restore-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.move(dest, backup);
        console.warn("Kept the conversation that was already here as " + backup.getFileName());
    }

    private static String firstSessionId(Path sessionDir) throws IOException {
        try (var lines = SavedConversation.open(sessionDir).lines()) {
            return lines.limit(50).map(l -> {
                try {
                    return Json.COMPACT.readTree(l).path("sessionId").asText(null);
                } catch (IOException e) {
                    return null;
                }
            }).filter(Transcript::isUuid).findFirst().orElse(null);
        }
    }

    private int launch(Path dir, String agentId, boolean launch, Console console) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("claude"));
        if (agentId != null) {
            args.add("--resume");
            args.add(agentId);
        }
        Path claude = env.findOnPath("claude");
        String shown = "cd " + Shell.word(dir.toString()) + " && " + String.join(" ", args);
        if (!launch || claude == null) {
            console.line("");
            console.line((claude == null && launch ? "claude is not on PATH. " : "") + "Continue with:");
            console.line("  " + shown);
            return 0;
        }
        console.ok("Starting: " + String.join(" ", args));
        args.set(0, claude.toString());
        return Shell.runInherited(args, dir, env);
    }
}
