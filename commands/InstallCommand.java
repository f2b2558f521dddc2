package commands;

import java.util.concurrent.Callable;
import lib.agent.Agent;
import lib.agent.Agents;
import lib.base.Launcher;
import lib.term.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "install-command", description = "Install the /nightnight slash command into your agent (Claude Code: ~/.claude/commands).",
        footerHeading = "%nExamples:%n", footer = {"  continuum install-command", "",
                "Environment: CLAUDE_CONFIG_DIR (Claude Code's folder, default ~/.claude)."})
public class InstallCommand extends Verb implements Callable<Integer> {
    @Option(names = "--agent", paramLabel = "NAME", defaultValue = "claude", description = "The agent: claude (default).")
    String agent;

    @Override
    public Integer call() throws Exception {
        Console console = console(false);
        Agent a = Agents.named(env(), agent);
        String launcher = Launcher.command(env());
        Agent.Installed done = a.installCommand(launcher);
        console.ok((done.changed() ? "Installed /nightnight at " : "/nightnight is already installed at ") + done.file());
        console.ok("It runs: " + launcher + " save");
        return 0;
    }
}
