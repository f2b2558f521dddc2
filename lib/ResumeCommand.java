package lib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import lib.agent.Agent;
import lib.agent.Agents;
import lib.base.Background;
import lib.base.Env;
import lib.base.FileUtil;
import lib.base.Profile;
import lib.base.Shell;
import lib.base.TestHooks;
import lib.base.UserError;
import lib.git.Remotes;
import lib.session.Session;
import lib.session.SessionMetadata.GitInfo;
import lib.session.SessionMetadata.LeftOut;
import lib.term.Console;
import lib.workspace.KeptFiles;
import lib.workspace.Restore;
import lib.workspace.RestoreTarget;
import lib.workspace.Workspace;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * The resume story once a session is chosen: the target folder, its branch and changes, the
 * conversation where the agent finds it, then the agent itself. In JGit's style:
 * {@code new ResumeCommand(env, session).setLaunch(false).call()}.
 */
public final class ResumeCommand {
    private final Env env;
    private final Session session;
    private Path workspace;
    private boolean launch = true;
    private boolean force;
    private Console console = Console.silent();

    public ResumeCommand(Env env, Session session) {
        this.env = env;
        this.session = session;
    }

    /** Restore into this folder instead of choosing one. */
    public ResumeCommand setWorkspace(Path workspace) {
        this.workspace = workspace;
        return this;
    }

    public ResumeCommand setLaunch(boolean launch) {
        this.launch = launch;
        return this;
    }

    /** Restore over uncommitted changes, after keeping them. */
    public ResumeCommand setForce(boolean force) {
        this.force = force;
        return this;
    }

    public ResumeCommand setConsole(Console console) {
        this.console = console;
        return this;
    }

    /** Where the session went, the agent session reopened, and the agent's exit status when it ran. */
    public record Result(Path workspace, String agentSessionId, int exitCode) {
    }

    /** Refuses a session this release cannot restore: found before anything is printed or written. */
    public static void checkRestorable(Session s) {
        if (s.damaged()) {
            throw new UserError("session " + s.id() + " is damaged (" + s.damage() + ") and cannot be restored");
        }
        if (s.newerFormat()) {
            throw new UserError("session " + s.id() + " was " + s.newerFormatNote()
                    + ": update continuum on this machine (git pull in its checkout, then install)");
        }
    }

    public Result call() throws IOException, InterruptedException {
        Session s = session;
        checkRestorable(s);
        Agent agent = Agents.ofSaved(env, s.agent().name());
        Remotes remotes = Remotes.forWorkspace(env);
        if (s.remoteUrl() != null) {
            remotes.setWaitNotice(s.remoteUrl(), console::pending);
        }
        Profile.mark("session read");
        RestoreTarget.Choice target = RestoreTarget.choose(workspace, env.cwd(), s);
        Path dir = FileUtil.realPath(target.dir());
        Conversation conversation = new Conversation(agent, dir);
        if (target.fresh()) {
            // A folder made for this resume has nothing to refuse or keep: the conversation (a long
            // transcript has every line's paths moved) goes in while git clones and fills the folder.
            conversation.startInBackground();
        }
        try {
            RestoreTarget.make(target, s, remotes, env);
            TestHooks.pauseAt("resume-target", env);
            console.ok("Workspace: " + dir + " (" + target.how() + ")");
            Profile.mark("workspace cloned or found");
            if (s.isRepo()) {
                restoreGit(dir, target.fresh(), remotes);
            }
        } catch (IOException | RuntimeException e) {
            conversation.settle();
            throw e;
        }
        TestHooks.pauseAt("resume-git", env);
        Profile.mark("git state restored");
        String agentId = conversation.place().orElse(null);
        TestHooks.pauseAt("resume-conversation", env);
        Profile.mark("conversation placed");
        return new Result(dir, agentId, start(agent, dir, agentId));
    }

    private void restoreGit(Path dir, boolean fresh, Remotes remotes) throws IOException {
        Session s = session;
        GitInfo g = s.git();
        try (Workspace ws = Workspace.open(dir)) {
            Repository repo = ws.repo();
            // A folder cloned a moment ago is clean by construction: no need to hash every file twice.
            if (!fresh && s.folder().hasBundle() && Restore.matches(repo, g)) {
                console.ok("Branch: " + s.branch() + " (unchanged)");
                console.ok("Changes: the workspace already matches the snapshot");
                warnLeftOut();
                return;
            }
            if (!fresh && !Restore.isClean(repo)) {
                if (!force) {
                    throw new UserError("the workspace " + dir + " has uncommitted changes: commit or stash them, "
                            + "or use --force (which first keeps them: in the vault, and locally what the vault must not carry)");
                }
                keepAndClear(ws);
            }
            if (fresh && !s.folder().hasBundle()) {
                Restore.checkoutHead(repo); // cloned without a checkout; the patch applies on top
            }
            if (s.folder().hasBundle()) {
                Restore.Outcome o = Restore.restore(repo, s, remotes, fresh);
                String at = o.head() == null ? " (no commits yet)" : " at " + o.head().substring(0, 7);
                if (o.movedToNewBranch()) {
                    console.warn("Branch " + s.branch() + " has newer commits here; restored onto " + o.branch() + at);
                } else {
                    console.ok("Branch: " + (o.branch() == null ? "detached HEAD" : o.branch()) + at);
                }
                console.ok("Changes restored: " + count(g.changedCount()) + " changed, " + count(g.untrackedCount())
                        + " untracked (index staged as it was)");
                if (o.operation() != null) {
                    console.ok("In the middle of a " + o.operation() + " again, as when it was saved"
                            + (o.operationProblem() == null ? "" : "; " + o.operationProblem()));
                }
                if (o.kept() > 0) {
                    console.warn("Kept " + o.kept() + " file(s) git does not track that the session replaces, in " + o.keptIn());
                }
            } else if (Files.isRegularFile(s.folder().patch())) {
                console.warn("This session has no bundle (saved by the original tool): applying snapshot.patch; "
                        + "untracked and binary files may be missing");
                Restore.applyPatch(repo, s.folder().patch());
                console.ok("Changes applied from snapshot.patch");
            } else {
                console.warn("This session holds no workspace changes to restore");
            }
            warnLeftOut();
        }
    }

    /** The saved conversation put where the agent finds it: here, or on a thread of its own and awaited here. */
    private final class Conversation {
        private final Agent agent;
        private final Path dir;
        private Console held;
        private CompletableFuture<Optional<String>> placing;

        Conversation(Agent agent, Path dir) {
            this.agent = agent;
            this.dir = dir;
        }

        void startInBackground() {
            held = console.held();
            placing = Background.start(() -> restore(held));
        }

        /** The agent's session id to reopen, once the conversation is in place; its lines printed here. */
        Optional<String> place() throws IOException {
            if (placing == null) {
                return restore(console);
            }
            try {
                return Background.join(placing);
            } finally {
                console.print(held);
            }
        }

        /** After a failure elsewhere: lets a placement under way finish (no half-written file), whatever it gives. */
        void settle() {
            if (placing != null) {
                Background.settle(placing);
                console.print(held);
            }
        }

        private Optional<String> restore(Console to) throws IOException {
            if (!session.folder().hasConversation()) {
                to.warn("No conversation in this session: starting a new one");
                return Optional.empty();
            }
            return agent.restore(session.folder(), session.agent(), session.workspacePath(), dir, to);
        }
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }

    private void warnLeftOut() {
        List<String> leftOut = session.git().skippedFiles().stream().map(LeftOut::path).toList();
        if (!leftOut.isEmpty()) {
            console.warn("Left out when saved, so not restored: " + String.join(", ", leftOut));
        }
    }

    /**
     * --force: the work tree's changes are saved as a safety session first; the files that session
     * leaves out (secrets, oversized files) are copied to a folder inside .git, so clearing the
     * work tree deletes nothing that is not kept somewhere.
     */
    private void keepAndClear(Workspace ws) throws IOException {
        SaveCommand.Result safety = new SaveCommand(env, ws.root())
                .setDescription("Safety snapshot before resuming " + session.id())
                .setWipPush(false).setConsole(Console.silent()).call();
        console.ok("Saved the workspace's current changes as " + safety.sessionId());
        KeptFiles kept = new KeptFiles(ws.repo());
        for (String path : Restore.changedPaths(ws.repo())) {
            kept.keep(path, false);
        }
        if (kept.count() > 0) {
            console.ok("Kept a copy of the " + kept.count() + " changed file(s) in " + kept.dir()
                    + " (the vault leaves some out: secrets, large files)");
        }
        try (Git git = new Git(ws.repo())) {
            git.reset().setMode(ResetCommand.ResetType.HARD).call();
            git.clean().setCleanDirectories(true).call();
        } catch (GitAPIException e) {
            throw new IOException("could not clear the workspace after the safety snapshot: " + e.getMessage(), e);
        }
    }

    private int start(Agent agent, Path dir, String agentId) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(agent.resumeCommand(agentId));
        Path exe = env.findOnPath(args.get(0));
        String shown = "cd " + Shell.word(dir.toString()) + " && " + String.join(" ", args.stream().map(Shell::word).toList());
        if (!launch || exe == null) {
            console.line("");
            console.line((exe == null && launch ? args.get(0) + " is not on PATH. " : "") + "Continue with:");
            console.line("  " + shown);
            return 0;
        }
        console.ok("Starting: " + String.join(" ", args));
        args.set(0, exe.toString());
        return Shell.runInherited(args, dir, env);
    }
}
