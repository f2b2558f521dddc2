package lib;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import lib.agent.Agent;
import lib.agent.Agent.AgentSession;
import lib.agent.Agents;
import lib.base.Env;
import lib.base.UserError;
import lib.git.RemoteResult;
import lib.secrets.Redactor;
import lib.session.Session;
import lib.term.Console;
import lib.vault.Vault;

/**
 * Gives a saved session its description afterwards: the text given, or what the user typed after
 * the agent's slash command, read from the agent's transcript once the agent has written it.
 * That is how /nightnight passes its words without any shell ever seeing them.
 */
public final class DescribeCommand {
    /** The slash command whose words become the description. */
    public static final String SLASH_COMMAND = "nightnight";
    private final Env env;
    private final String sessionRef;
    private String text;
    private String agentName;
    private String agentSession;
    private long after;
    private Duration wait = Duration.ZERO;
    private Console console = Console.silent();

    public DescribeCommand(Env env, String sessionRef) {
        this.env = env;
        this.sessionRef = sessionRef;
    }

    public DescribeCommand setText(String text) {
        this.text = text;
        return this;
    }

    /** Take the words of the agent's slash command, recorded after byte offset `after` of its transcript. */
    public DescribeCommand setFromAgent(String agentName, String agentSession, long after, Duration wait) {
        this.agentName = agentName;
        this.agentSession = agentSession;
        this.after = after;
        this.wait = wait;
        return this;
    }

    public DescribeCommand setConsole(Console console) {
        this.console = console;
        return this;
    }

    /** The description set, or empty when the agent recorded no words in time. */
    public Optional<String> call() throws IOException, InterruptedException {
        try (Vault vault = Vault.open(env, Vault.Need.LOCAL, console)) {
            Session s = vault.sessions().find(sessionRef);
            String words = text != null ? text : wordsFromAgent(s).orElse(null);
            if (words == null || words.isBlank()) {
                console.ok("No description given for " + s.id() + ": it keeps '" + s.description() + "'");
                return Optional.empty();
            }
            String desc = new Redactor().redact(words.strip());
            vault.describe(s.id(), desc);
            console.ok("Described " + s.id() + ": " + desc);
            if (vault.remoteUrl() != null) {
                RemoteResult pushed = vault.push();
                if (pushed.ok()) {
                    console.ok("Pushed to private repo");
                } else {
                    console.warn("Not pushed (" + pushed.problem() + "): 'continuum sync' pushes it later");
                }
            }
            return Optional.of(desc);
        }
    }

    private Optional<String> wordsFromAgent(Session s) throws IOException, InterruptedException {
        if (agentSession == null) {
            throw new UserError("give the description, or the agent session to read it from");
        }
        Agent agent = agentName == null ? Agents.ofSaved(env, s.agent().name()) : Agents.named(env, agentName);
        Path workspace = s.workspacePath() == null ? env.cwd() : Path.of(s.workspacePath());
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            Optional<AgentSession> found = agent.find(workspace, agentSession);
            if (found.isPresent()) {
                Optional<String> words = agent.commandArguments(found.get().transcript(), after, SLASH_COMMAND);
                if (words.isPresent()) {
                    return words;
                }
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }
}
