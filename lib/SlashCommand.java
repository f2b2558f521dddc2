package lib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The /nightnight slash command: Claude Code runs the save with this session's id. */
public final class SlashCommand {
    public static final String NAME = "nightnight";

    private SlashCommand() {
    }

    /** launcher: how to start continuum from a shell, e.g. "continuum" or "'/src/continuum/jbang' '/src/continuum/continuum.java'". */
    public static String render(String launcher) {
        return """
                ---
                description: Save current session to continuum vault
                argument-hint: [description]
                allowed-tools: Bash(%1$s save:*)
                ---
                !`%1$s save --session "${CLAUDE_SESSION_ID}" -m "$ARGUMENTS"`

                The session was saved as shown above. Tell the user its Session ID in one line, and that
                `ccc` resumes it tomorrow on any machine. Do not run anything else.
                """.formatted(launcher);
    }

    /** How this running copy can be started again from a shell. */
    public static String launcher(Env env) {
        if (env.findOnPath("continuum") != null) {
            return "continuum";
        }
        String bootstrap = env.get("CONTINUUM_LAUNCHER");
        if (bootstrap != null && Files.isRegularFile(Path.of(bootstrap).resolveSibling("continuum.java"))) {
            return Shell.word(bootstrap) + " " + Shell.word(Path.of(bootstrap).resolveSibling("continuum.java").toString());
        }
        return "continuum";
    }

    /** Writes the command file; returns true if it changed. Never writes a secret: only the launcher. */
    public static boolean install(Path commandsDir, String launcher) throws IOException {
        Files.createDirectories(commandsDir);
        Path file = commandsDir.resolve(NAME + ".md");
        String text = render(launcher);
        if (Files.isRegularFile(file) && Files.readString(file).equals(text)) {
            return false;
        }
        Path tmp = commandsDir.resolve("." + NAME + ".md.tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }
}
