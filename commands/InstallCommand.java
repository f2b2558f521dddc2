package commands;

import java.util.concurrent.Callable;
import lib.agent.Agent;
import lib.agent.Agents;
import lib.base.Launcher;
import lib.base.Shell;
import lib.base.UserError;
import lib.term.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "install-command", description = "Install /nightnight into your agent (Claude Code: ~/.claude/commands; Codex: ~/.codex/prompts; Gemini CLI: ~/.gemini/commands).",
        footerHeading = "%nExamples:%n", footer = {"  continuum install-command", "  continuum install-command --agent codex", "  continuum install-command --hooks", "",
                "Environment: CLAUDE_CONFIG_DIR (Claude Code's folder, default ~/.claude), CODEX_HOME (default ~/.codex)."})
public class InstallCommand extends Verb implements Callable<Integer> {
    @Option(names = "--agent", paramLabel = "NAME", defaultValue = "claude", description = "The agent: claude (default), codex or gemini.")
    String agent;
    @Option(names = "--hooks", description = "Also add the hook that saves a session automatically when it ends (settings.json).")
    boolean hooks;
    @Option(names = "--remove", description = "With --hooks: take the hook out again.")
    boolean remove;

    @Override
    public Integer call() throws Exception {
        Console console = console(false);
        if (remove && !hooks) {
            throw usage("--remove goes with --hooks");
        }
        Agent a = Agents.named(env(), agent);
        if (hooks) {
            java.nio.file.Path checkout = Launcher.checkout(env()).orElseThrow(() -> new UserError(
                    "run this through a checkout of continuum (./jbang continuum.java install-command --hooks, or an "
                            + "installed continuum): the hook runs its plugin/session-end"));
            String command = Shell.word(checkout.resolve("plugin/session-end").toString());
            Agent.Installed h = a.installHook(command, remove);
            console.ok(remove ? (h.changed() ? "Removed the session-end hook from " : "No session-end hook to remove in ")
                    + h.file() : (h.changed() ? "Added the session-end hook to " : "The session-end hook is already in ") + h.file());
            if (remove) {
                return 0;
            }
        }
        String launcher = Launcher.command(env());
        Agent.Installed done = a.installCommand(launcher);
        console.ok((done.changed() ? "Installed /nightnight at " : "/nightnight is already installed at ") + done.file());
        console.ok("It runs: " + launcher + " save");
        return 0;
    }
}
