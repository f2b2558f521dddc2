package commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lib.Console;
import lib.Env;
import lib.Json;
import lib.SessionSaver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "save", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Snapshot this agent session: conversation, git state and host, into the vault.")
public class Save extends Verb implements Callable<Integer> {
    @Mixin
    JsonOption output;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "Session description.")
    String message;
    @Parameters(arity = "0..*", paramLabel = "WORDS", description = "Description words (as /nightnight passes them).")
    List<String> words;
    @Option(names = "--session", paramLabel = "UUID", description = "Claude Code session id whose conversation to save.")
    String session;
    @Option(names = "--workspace", paramLabel = "DIR", description = "Folder to snapshot (default: current folder).")
    Path workspace;
    @Option(names = "--no-push", description = "Commit to the vault but do not push it.")
    boolean noPush;
    @Option(names = "--no-wip-push", description = "Do not push a claude-wip/ branch to the workspace's origin.")
    boolean noWipPush;
    @Option(names = "--include-secrets", description = "Keep files that look like secrets (.env, *.pem, ...).")
    boolean includeSecrets;
    @Option(names = "--max-file-size", paramLabel = "MB", defaultValue = "50",
            description = "Leave out files larger than this (default: ${DEFAULT-VALUE} MB).")
    long maxFileMb;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        if (maxFileMb < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-file-size must be at least 1 (MB)");
        }
        Console console = console(output.json);
        String description = description(env);
        // An empty --session is what /nightnight passes when Claude Code did not fill it in:
        // fall back to finding the running session.
        String agentSession = session == null || session.isBlank() ? null : session.strip();
        SessionSaver.Request req = new SessionSaver.Request(
                workspace != null ? env.cwd().resolve(workspace) : env.cwd(), description, agentSession, !noPush, !noWipPush,
                includeSecrets, maxFileMb * 1024 * 1024);
        SessionSaver.Result result = new SessionSaver(env).save(req, console);
        if (output.json) {
            ObjectNode json = result.metadata().deepCopy();
            json.put("pushed", result.pushed());
            var warnings = json.putArray("warnings");
            result.warnings().forEach(warnings::add);
            out().println(Json.MAPPER.writeValueAsString(json));
        }
        return 0;
    }

    private String description(Env env) {
        if (message != null) {
            return message;
        }
        if (words != null && !words.isEmpty()) {
            return String.join(" ", words);
        }
        if (env.interactive() && !output.json && System.console() != null) {
            String line = System.console().readLine("Session description (optional, press enter to skip): ");
            return line == null ? null : line.strip();
        }
        return null;
    }
}
