package lib;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import lib.agent.Agent;
import lib.agent.Agents;
import lib.agent.claude.ClaudeCode;
import lib.base.Env;
import lib.base.Errors;
import lib.base.Json;
import lib.base.UserError;
import lib.secrets.UserRules;
import lib.session.Session;
import lib.term.Console;
import lib.term.Text;
import lib.vault.Vault;
import lib.workspace.CaptureOptions;
import lib.workspace.Restore;
import lib.workspace.Workspace;

/**
 * The save a session's end makes by itself (Claude Code's SessionEnd hook). It saves exactly the
 * session the agent names, marks it as automatic, describes it by its first prompt, and adds
 * nothing when nothing changed since that session's last save. Saves of one workspace never run
 * side by side.
 */
public final class AutoSave {
    /** What Claude Code hands a SessionEnd hook on standard input. */
    public record Payload(String sessionId, Path transcript, Path cwd, String reason) {
        public static Payload parse(String json) {
            JsonNode n;
            try {
                n = Json.COMPACT.readTree(json);
            } catch (IOException e) {
                throw new UserError("the hook's payload is not JSON: " + Errors.oneLine(e));
            }
            String id = n.path("session_id").asText(null);
            String cwd = n.path("cwd").asText(null);
            if (id == null || !id.matches("[0-9a-fA-F-]{36}") || cwd == null || !Path.of(cwd).isAbsolute()) {
                throw new UserError("the hook's payload names no session_id and cwd (got: " + Text.oneLine(json, 200) + ")");
            }
            String t = n.path("transcript_path").asText(null);
            return new Payload(id, t == null ? null : Path.of(t), Path.of(cwd), n.path("reason").asText(null));
        }
    }

    private final Env env;
    private final Payload payload;
    private final Console log;

    public AutoSave(Env env, Payload payload, Console log) {
        this.env = env;
        this.payload = payload;
        this.log = log;
    }

    /** One line saying how it ended: the session saved, nothing new, or switched off. */
    public String call() throws IOException {
        if (!Files.isDirectory(payload.cwd())) {
            throw new UserError("the session's folder " + payload.cwd() + " is gone");
        }
        try (Vault vault = Vault.open(env, Vault.Need.CREATE, log)) {
            if (!vault.autoSave()) {
                return "auto-save is off ('continuum config auto-save on' turns it on)";
            }
            try (FileChannel ch = FileChannel.open(vault.local().autoSaveLock(payload.cwd()), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                Optional<Session> same = unchanged(vault);
                if (same.isPresent()) {
                    return "nothing new since " + same.get().id() + ": not saved again";
                }
            }
        }
        Agent claude = Agents.named(env, ClaudeCode.NAME);
        SaveCommand.Result r = new SaveCommand(env, payload.cwd()).setAgent(claude.name())
                .setAgentSession(payload.sessionId()).setAuto(true).setDescription(description(claude).orElse(null))
                .setWipPush(false).setConsole(log).call();
        return "saved " + r.sessionId() + (r.pushed() ? " and pushed" : "");
    }

    /** The last save of this agent session, when neither its transcript nor the workspace changed since. */
    private Optional<Session> unchanged(Vault vault) throws IOException {
        Path transcript = payload.transcript();
        for (String id : vault.sessions().ids()) {
            Session s = vault.sessions().load(id);
            if (s.damaged() || !payload.sessionId().equals(s.agent().sessionId())) {
                continue;
            }
            Long bytes = s.agent().transcriptBytes();
            boolean sameTranscript = bytes != null && transcript != null && Files.isRegularFile(transcript)
                    && Files.size(transcript) == bytes;
            try (Workspace ws = Workspace.open(payload.cwd())) {
                boolean sameWork = !ws.isRepo() ? !s.isRepo()
                        : s.isRepo() && Restore.matches(ws.repo(), s.git(),
                                CaptureOptions.defaults().withRules(UserRules.load(ws.root(), env.vaultDir())));
                return sameTranscript && sameWork ? Optional.of(s) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** "Auto-saved at session end: <first prompt>", when the conversation has one. */
    private Optional<String> description(Agent agent) {
        if (payload.transcript() == null || !Files.isRegularFile(payload.transcript())) {
            return Optional.empty();
        }
        try (BufferedReader r = Files.newBufferedReader(payload.transcript())) {
            String first = agent.view().summarize(r).firstPrompt();
            return first == null || first.isBlank() ? Optional.empty()
                    : Optional.of("Auto-saved at session end: " + Text.oneLine(first, 60));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
