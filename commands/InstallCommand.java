package commands;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lib.ClaudeCode;
import lib.Console;
import lib.SlashCommand;
import picocli.CommandLine.Command;

@Command(name = "install-command", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Install the /nightnight slash command into Claude Code (~/.claude/commands/).")
public class InstallCommand extends Verb implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Console console = console(false);
        Path dir = ClaudeCode.of(env()).commandsDir();
        String launcher = SlashCommand.launcher(env());
        boolean changed = SlashCommand.install(dir, launcher);
        Path file = dir.resolve(SlashCommand.NAME + ".md");
        console.ok((changed ? "Installed /nightnight at " : "/nightnight is already installed at ") + file);
        console.ok("It runs: " + launcher + " save");
        return 0;
    }
}
