package lib.agent.claude;

import java.io.IOException;
import java.nio.file.Path;
import lib.agent.Agent.Installed;

/** The /nightnight slash command for Claude Code: it runs the save with this session's id. */
final class NightnightCommand {
    static final String FILE = "nightnight.md";

    private NightnightCommand() {
    }

    /** launcher: how to start continuum from a shell, e.g. "continuum" or "'/src/continuum/jbang' '/src/continuum/continuum.java'". */
    static String render(String launcher) {
        return """
                ---
                description: Save current session to continuum vault
                argument-hint: [description]
                allowed-tools: Bash(%1$s save:*)
                ---
                !`%1$s save --session "${CLAUDE_SESSION_ID}" --description-from-agent`

                The session was saved as shown above (continuum takes the description from the words after
                /nightnight itself; they never pass through a shell). Tell the user its Session ID in one line,
                and that `ccc` resumes it tomorrow on any machine. Do not run anything else.
                """.formatted(launcher);
    }

    /** Writes the command file; changed is false when it was already there as is. Never writes a secret: only the launcher. */
    static Installed install(Path commandsDir, String launcher) throws IOException {
        return Installed.write(commandsDir.resolve(FILE), render(launcher));
    }
}
