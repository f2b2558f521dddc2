package commands;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import lib.ResumeCommand;
import lib.SessionRows;
import lib.agent.Agent;
import lib.agent.Agents;
import lib.base.Env;
import lib.base.Shell;
import lib.base.UserError;
import lib.git.RemoteResult;
import lib.session.Session;
import lib.term.Console;
import lib.term.Terminal;
import lib.term.Text;
import lib.vault.Vault;
import lib.workspace.RestoreTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "resume", description = "Restore a saved session (branch, work tree, index, conversation) and reopen the agent. Alias: ccc",
        footerHeading = "%nExamples:%n",
        footer = {"  ccc                       pick a session (on a terminal)", "  ccc latest --no-launch",
                "  continuum resume 20261124 --workspace ~/src/app", "",
                "Environment: CONTINUUM_HOME, CONTINUUM_REPO_URL (pulled first), CLAUDE_CONFIG_DIR, CODEX_HOME."})
public class Resume extends Verb implements Callable<Integer> {
    @Mixin
    SessionRef session;
    @Mixin
    WorkspaceOption workspace;
    @Option(names = "--no-launch", description = "Restore, then print the agent's command instead of starting it.")
    boolean noLaunch;
    @Option(names = "--force", description = "Restore over uncommitted changes after keeping them (in the vault, and locally what it must not carry).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        Console console = console(false);
        if (session.ref == null && !env.interactive()) {
            throw new UserError("no session given and no terminal to pick one: use 'ccc latest', 'ccc <id>' or 'ccc <N>' "
                    + "(see 'continuum list')");
        }
        RestoreTarget.checkAsked(workspace.asked(env));
        try (Vault vault = Vault.open(env, Vault.Need.LATEST, console)) {
            Session chosen = session.ref != null ? vault.sessions().find(session.ref) : pick(vault, env, out());
            if (chosen == null) {
                return 0;
            }
            ResumeCommand.checkRestorable(chosen);
            console.line("🔄 Restoring session: " + Text.oneLine(chosen.description(), 0));
            RemoteResult pulled = vault.pulled();
            if (pulled != null && pulled.ok()) {
                console.ok("Vault synced from " + vault.remoteShown());
            } else if (pulled != null) {
                console.warn("Could not sync the vault (" + pulled.problem() + "); using the sessions already here");
            }
            try (AutoCloseable mark = vault.local().resuming(chosen.id())) {
                chosen = vault.withContent(chosen);
                return new ResumeCommand(env, chosen).setWorkspace(workspace.asked(env)).setLaunch(!noLaunch)
                        .setForce(force).setConsole(console).call().exitCode();
            }
        }
    }

    /** The original tool's picker: numbered sessions, [n] new, [q] quit; asks again on bad input. Null: nothing chosen. */
    private Session pick(Vault vault, Env env, PrintWriter out) throws Exception {
        java.util.List<Session> sessions = vault.sessions().list(s -> true, 20);
        if (sessions.isEmpty()) {
            throw new UserError("the vault has no sessions yet: save one with 'continuum save'");
        }
        Instant now = Instant.now();
        out.println("Saved sessions (newest first):");
        int n = 0;
        for (Session s : sessions) {
            SessionRows.rows(++n, s, now, vault.pushState(s.id()), Terminal.width(env), false, console(false))
                    .forEach(out::println);
        }
        out.println();
        out.println("  [n] New session");
        out.println("  [q] Quit");
        BufferedReader in = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8));
        while (true) {
            out.print("Select a session [1-" + sessions.size() + ", n, q]: ");
            out.flush();
            String line = in.readLine();
            String answer = line == null ? "q" : line.strip();
            if (answer.equalsIgnoreCase("q")) {
                out.println();
                out.println("Nothing restored.");
                return null;
            }
            if (answer.equalsIgnoreCase("n")) {
                newSession(env);
                return null;
            }
            if (answer.matches("\\d{1,4}") && Integer.parseInt(answer) >= 1 && Integer.parseInt(answer) <= sessions.size()) {
                return sessions.get(Integer.parseInt(answer) - 1);
            }
            out.println("  Please type a number from 1 to " + sessions.size() + ", n or q.");
        }
    }

    private void newSession(Env env) throws Exception {
        Console console = console(false);
        Agent agent = Agents.detect(env, env.cwd());
        java.util.List<String> cmd = agent.resumeCommand(null);
        java.nio.file.Path exe = env.findOnPath(cmd.get(0));
        if (noLaunch || exe == null) {
            console.line("Start a new session with:");
            console.line("  " + String.join(" ", cmd.stream().map(Shell::word).toList()));
            return;
        }
        console.ok("Starting: " + String.join(" ", cmd));
        Shell.runInherited(java.util.List.of(exe.toString()), env.cwd(), env);
    }
}
