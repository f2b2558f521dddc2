package lib.agent;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import lib.agent.claude.ClaudeCode;
import lib.agent.codex.CodexCli;
import lib.agent.gemini.GeminiCli;
import lib.base.Env;
import lib.base.UserError;

/** The agents continuum knows, and how the one to save is chosen. A new agent is added to all(). */
public final class Agents {
    private Agents() {
    }

    public static List<Agent> all(Env env) {
        return List.of(new ClaudeCode(env), new CodexCli(env), new GeminiCli(env));
    }

    /** The agent --agent names, by its name or an alias; a clear error for anything else. */
    public static Agent named(Env env, String name) {
        for (Agent a : all(env)) {
            if (a.name().equalsIgnoreCase(name) || a.aliases().stream().anyMatch(name::equalsIgnoreCase)) {
                return a;
            }
        }
        throw new UserError("unknown agent '" + name + "': use one of "
                + String.join(", ", all(env).stream().map(a -> a.aliases().get(0)).toList()));
    }

    /** The agent that saved a session (metadata's agent.name); Claude Code for sessions that name none. */
    public static Agent ofSaved(Env env, String name) {
        if (name == null) {
            return all(env).get(0);
        }
        for (Agent a : all(env)) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new UserError("this session was saved from an agent this version does not know ('" + name
                + "'): update continuum to restore it");
    }

    /**
     * Without --agent: the agent whose environment this process runs in, else the one that last
     * wrote a session of the workspace, else the first.
     */
    public static Agent detect(Env env, Path workspace) {
        List<Agent> agents = all(env);
        for (Agent a : agents) {
            if (a.runsHere()) {
                return a;
            }
        }
        Agent best = agents.get(0);
        Instant newest = Instant.MIN;
        for (Agent a : agents) {
            Optional<Instant> t = a.lastActivity(workspace);
            if (t.isPresent() && t.get().isAfter(newest)) {
                newest = t.get();
                best = a;
            }
        }
        return best;
    }
}
