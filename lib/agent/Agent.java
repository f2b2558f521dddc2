package lib.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import lib.base.FileUtil;
import lib.base.UserError;
import lib.secrets.Redactor;
import lib.session.SessionFolder;
import lib.session.SessionMetadata.AgentInfo;
import lib.term.Console;

/**
 * A coding agent whose sessions continuum saves and restores. Everything that knows where an
 * agent keeps its files, how it names them and how it is started lives behind this interface;
 * the save and resume stories only talk to it.
 */
public interface Agent {
    /** The name stored in metadata (agent.name) and taken by --agent: "claude-code". */
    String name();

    /** Short names a user may type for --agent ("claude"). */
    List<String> aliases();

    /** True when this process runs inside one of this agent's sessions (from its environment). */
    boolean runsHere();

    /** The session id this agent's environment names, if any (for a save started by the agent). */
    Optional<String> sessionIdFromEnvironment();

    /**
     * This workspace's session: the one named by sessionId when given (an error when it has the
     * wrong shape), else the running one, else the newest of the workspace.
     */
    Optional<AgentSession> find(Path workspace, String sessionId);

    /** When this agent last wrote a session of the workspace: to choose an agent when none is named. */
    Optional<Instant> lastActivity(Path workspace);

    /** Copies the session's transcript (and any side files) into the folder, redacted. */
    Copied save(AgentSession session, SessionFolder folder, Redactor redactor) throws IOException;

    /**
     * Puts a saved transcript where this agent finds it for the target workspace, with paths that
     * named the saved workspace moved to the target. Returns the session id to resume, if any.
     */
    Optional<String> restore(SessionFolder folder, AgentInfo saved, String savedWorkspace, Path target,
                             Console console) throws IOException;

    /** The command that reopens the session in its workspace; a new session when the id is null. */
    List<String> resumeCommand(String sessionId);

    /**
     * What the user typed after a slash command (e.g. /nightnight), as the agent recorded it in
     * its transcript after byte offset `after`; empty until the agent has written it. Read from
     * the transcript, never from a shell: the agent pastes arguments into command lines raw.
     */
    Optional<String> commandArguments(Path transcript, long after, String command) throws IOException;

    /**
     * Who this machine is signed in as with the agent, as a hash (never a key), when the saved
     * transcript holds something only that account can read; empty otherwise.
     */
    default Optional<String> account() {
        return Optional.empty();
    }

    /** Reads a saved transcript of this agent for people (show, show --transcript). */
    TranscriptView view();

    /** Installs /nightnight for this agent; returns where it wrote and whether anything changed. */
    Installed installCommand(String launcher) throws IOException;

    /**
     * Adds (or with remove, takes out) the hook that saves a session when it ends, in the agent's
     * own settings; command is what the hook runs.
     */
    default Installed installHook(String command, boolean remove) throws IOException {
        throw new UserError(name() + " has no session-end hook continuum can install");
    }

    /** What doctor says about this agent on this machine: its folder, /nightnight, the executable. */
    List<Check> checks();

    /** One line of doctor's report: fine, or a warning with its fix. */
    record Check(boolean ok, String text) {
    }

    /** Where the agent's slash command lives and whether installing changed it. */
    record Installed(Path file, boolean changed) {
        /** Writes the command file, its folder made as needed, unless it already holds exactly this text. */
        public static Installed write(Path file, String text) throws IOException {
            Files.createDirectories(file.getParent());
            if (Files.isRegularFile(file) && Files.readString(file).equals(text)) {
                return new Installed(file, false);
            }
            FileUtil.writeAtomically(file, text);
            return new Installed(file, true);
        }
    }

    /** One agent session found on this machine: its id, its transcript and how it was found. */
    record AgentSession(String id, Path transcript, String foundBy) {
    }

    /** What a transcript copy wrote: lines kept, messages, sub-agent files, whether the last line was torn. */
    record Copied(long lines, long messages, int subagents, boolean tornTail, long invalidLines) {
    }
}
