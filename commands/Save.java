package commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import lib.SaveCommand;
import lib.SessionReport;
import lib.base.Env;
import lib.base.Json;
import lib.workspace.CaptureOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "save", description = "Snapshot this agent session: conversation, git state and host, into the vault.",
        footerHeading = "%nExamples:%n",
        footer = {"  continuum save -m \"fixing the flaky login test\"",
                "  continuum save --no-push --workspace ~/src/app",
                "  continuum save --session 7c9e6679-7425-40de-944b-e07fc1f90ae7 --json",
                "",
                "Environment: CLAUDE_CODE_SESSION_ID / CLAUDE_SESSION_ID, CODEX_THREAD_ID, GEMINI_SESSION_ID name the",
                "agent session when --session is not given; CLAUDE_CONFIG_DIR and CODEX_HOME are the agents' folders;",
                "CONTINUUM_HOME, CONTINUUM_REPO_URL and CONTINUUM_KEY_PATH choose the vault."})
public class Save extends Verb implements Callable<Integer> {
    @Mixin
    JsonOption output;
    @Mixin
    WorkspaceOption workspace;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "Session description.")
    String message;
    @Parameters(arity = "0..*", paramLabel = "WORDS", description = "More description words (joined with spaces).")
    java.util.List<String> words;
    @Option(names = "--session", paramLabel = "ID", description = "The agent's session id whose conversation to save.")
    String session;
    @Option(names = "--agent", paramLabel = "NAME", description = "The agent: claude, codex or gemini (default: the one this runs in, else the one that last wrote a session here).")
    String agent;
    @Option(names = "--description-from-agent", description = "Take the description from the words the user typed after "
            + "the agent's /nightnight, once the agent records them (what /nightnight passes: no shell sees the words).")
    boolean descriptionFromAgent;
    @Option(names = "--no-push", description = "Commit to the vault but do not push it.")
    boolean noPush;
    @Option(names = "--no-wip-push", description = "Do not push a claude-wip/ branch to the project's origin.")
    boolean noWipPush;
    @Option(names = "--include-secrets", description = "Keep files that look like secrets (.env, *.pem, ...).")
    boolean includeSecrets;
    @Option(names = "--max-file-size", paramLabel = "MB", defaultValue = "50",
            description = "Leave out files larger than this (default: ${DEFAULT-VALUE} MB).")
    long maxFileMb;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        if (maxFileMb < 1 || maxFileMb > 1_000_000) {
            throw usage("--max-file-size must be between 1 and 1000000 (MB)");
        }
        String description = description(env);
        // An empty --session is what /nightnight passes when Claude Code did not fill it in:
        // fall back to finding the running session.
        String agentSession = session == null || session.isBlank() ? null : session.strip();
        SaveCommand.Result result = new SaveCommand(env, workspace.orCurrent(env))
                .setDescription(description).setAgent(agent).setAgentSession(agentSession)
                .setPush(!noPush).setWipPush(!noWipPush && !noPush).setDescriptionFromAgent(descriptionFromAgent)
                .setOptions(new CaptureOptions(includeSecrets, maxFileMb * 1024 * 1024))
                .setConsole(console(output.json)).call();
        if (output.json) {
            ObjectNode json = SessionReport.json(result.metadata());
            json.put("pushed", result.pushed());
            var warnings = json.putArray("warnings");
            result.warnings().forEach(warnings::add);
            out().println(Json.MAPPER.writeValueAsString(json));
        }
        return 0;
    }

    private String description(Env env) throws IOException {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (message != null) {
            parts.add(message);
        }
        if (words != null) {
            parts.addAll(words);
        }
        if (!parts.isEmpty()) {
            return String.join(" ", parts);
        }
        if (env.interactive() && !output.json) {
            out().print("Session description (optional, press enter to skip): ");
            out().flush();
            String line = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.strip();
        }
        return null;
    }
}
