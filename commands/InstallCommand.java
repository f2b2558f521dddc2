package commands;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lib.ClaudeCode;
import lib.Console;
import lib.SlashCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "install-command", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Install the /nightnight slash command into Claude Code (~/.claude/commands/).")
public class InstallCommand implements Callable<Integer> {
    @ParentCommand
    Continuum parent;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Console console = new Console(spec.commandLine().getOut(), false, Terminal.color(parent.env()));
        Path dir = ClaudeCode.of(parent.env()).commandsDir();
        String launcher = SlashCommand.launcher(parent.env());
        boolean changed = SlashCommand.install(dir, launcher);
        Path file = dir.resolve(SlashCommand.NAME + ".md");
        console.ok((changed ? "Installed /nightnight at " : "/nightnight is already installed at ") + file);
        console.ok("It runs: " + launcher + " save");
        return 0;
    }
}
