package lib.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lib.agent.Agent;
import lib.agent.JsonlCopy;
import lib.agent.LineChange;
import lib.agent.Placement;
import lib.agent.TranscriptView;
import lib.base.Env;
import lib.base.FileUtil;
import lib.base.Hashes;
import lib.base.Json;
import lib.base.UserError;
import lib.secrets.Redactor;
import lib.session.LineSink;
import lib.session.SessionFolder;
import lib.session.SessionMetadata.AgentInfo;
import lib.term.Console;

/**
 * OpenAI's Codex CLI: each session is a rollout file,
 * $CODEX_HOME/sessions/YYYY/MM/DD/rollout-YYYY-MM-DDThh-mm-ss-&lt;id&gt;.jsonl (CODEX_HOME defaults to
 * ~/.codex), whose first line (session_meta) names the session's cwd. `codex resume &lt;id&gt;` finds a
 * rollout copied there by scanning; the SQLite files beside it are not needed.
 */
public final class CodexCli implements Agent {
    public static final String NAME = "codex";
    static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Pattern ROLLOUT = Pattern.compile(
            "rollout-(\\d{4})-(\\d{2})-(\\d{2})T\\d{2}-\\d{2}-\\d{2}-(" + ID.pattern() + ")\\.jsonl");
    private static final String PROMPT_MARK = "<!-- continuum:nightnight -->";
    private final Env env;
    private final Path home;

    public CodexCli(Env env) {
        this.env = env;
        this.home = env.dir("CODEX_HOME", ".codex");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("codex");
    }

    Path sessionsDir() {
        return home.resolve("sessions");
    }

    /** Codex gives the commands it runs CODEX_THREAD_ID (its session id) and runs them in its sandbox. */
    @Override
    public boolean runsHere() {
        return env.get("CODEX_THREAD_ID") != null || env.get("CODEX_SANDBOX") != null;
    }

    @Override
    public Optional<String> sessionIdFromEnvironment() {
        String id = env.get("CODEX_THREAD_ID");
        return id != null && ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    @Override
    public Optional<AgentSession> find(Path workspace, String sessionId) {
        if (sessionId != null) {
            if (!ID.matcher(sessionId).matches()) {
                throw new UserError("--session must be a Codex session id (a UUID), got '" + sessionId + "'");
            }
            return rollouts().filter(f -> f.getFileName().toString().endsWith(sessionId + ".jsonl")).findFirst()
                    .map(f -> new AgentSession(sessionId, f, "--session"));
        }
        Optional<String> fromEnv = sessionIdFromEnvironment();
        if (fromEnv.isPresent()) {
            Optional<AgentSession> f = rollouts().filter(p -> p.getFileName().toString().endsWith(fromEnv.get() + ".jsonl"))
                    .findFirst().map(p -> new AgentSession(fromEnv.get(), p, "CODEX_THREAD_ID"));
            if (f.isPresent()) {
                return f;
            }
        }
        return newestOf(workspace).map(f -> new AgentSession(idOf(f), f, "newest for this workspace"));
    }

    /** Rollout files, newest first (their names begin with the time they started). */
    private Stream<Path> rollouts() {
        if (!Files.isDirectory(sessionsDir())) {
            return Stream.empty();
        }
        try (Stream<Path> all = Files.walk(sessionsDir(), 4)) {
            return all.filter(f -> ROLLOUT.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private Optional<Path> newestOf(Path workspace) {
        String root = FileUtil.realPath(workspace).toString();
        return rollouts().limit(500).filter(f -> root.equals(cwdOf(f))).findFirst();
    }

    /** The cwd its first line (session_meta) names. */
    static String cwdOf(Path rollout) {
        try (BufferedReader r = Files.newBufferedReader(rollout, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first == null ? null : Json.COMPACT.readTree(first).path("payload").path("cwd").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String idOf(Path rollout) {
        Matcher m = ROLLOUT.matcher(rollout.getFileName().toString());
        return m.matches() ? m.group(4) : null;
    }

    @Override
    public Optional<Instant> lastActivity(Path workspace) {
        return newestOf(workspace).map(f -> {
            try {
                return Files.getLastModifiedTime(f).toInstant();
            } catch (IOException e) {
                return Instant.EPOCH;
            }
        });
    }

    @Override
    public Copied save(AgentSession session, SessionFolder folder, Redactor redactor) throws IOException {
        JsonlCopy.Result r;
        try (LineSink sink = folder.conversationWriter(Files.size(session.transcript()))) {
            r = JsonlCopy.copy(session.transcript(), sink, redactor, CodexCli::isTurn);
        }
        return new Copied(r.lines(), r.messages(), 0, r.tornTail(), r.invalidLines());
    }

    private static boolean isTurn(String line) {
        return line.contains("\"type\":\"response_item\"") && (line.contains("\"role\":\"user\"")
                || line.contains("\"role\":\"assistant\"")) && !line.contains("<environment_context>");
    }

    /**
     * Back under this machine's $CODEX_HOME/sessions/YYYY/MM/DD/ with its own file name, every path
     * that named the saved workspace moved to the target. Reasoning that Codex encrypted for the
     * account that saved it is kept when this machine signs in as that account, and dropped
     * otherwise (another account cannot decrypt it; Codex would fail the resumed turn).
     */
    @Override
    public Optional<String> restore(SessionFolder folder, AgentInfo saved, String savedWorkspace, Path target,
                                    Console console) throws IOException {
        String name = saved.transcriptFile() == null ? null : Path.of(saved.transcriptFile()).getFileName().toString();
        Matcher m = name == null ? null : ROLLOUT.matcher(name);
        if (m == null || !m.matches() || !m.group(4).equals(saved.sessionId())) {
            console.warn("The saved Codex session names no rollout file; read it with 'continuum show " + folder.id()
                    + " --transcript'");
            return Optional.empty();
        }
        Path dest = sessionsDir().resolve(m.group(1)).resolve(m.group(2)).resolve(m.group(3)).resolve(name);
        boolean sameAccount = saved.account() != null && saved.account().equals(account().orElse(null));
        int[] dropped = {0};
        LineChange rewrite = Placement.movePaths(savedWorkspace, target.toString());
        if (!sameAccount) {
            rewrite = rewrite.then(LineChange.of("\"encrypted_content\"", line -> {
                try {
                    if (Json.COMPACT.readTree(line) instanceof ObjectNode o && o.path("payload") instanceof ObjectNode p
                            && p.has("encrypted_content")) {
                        p.remove("encrypted_content");
                        dropped[0]++;
                        return Json.COMPACT.writeValueAsString(o);
                    }
                } catch (IOException ignored) {
                    // not JSON: keep it
                }
                return line;
            }));
        }
        Placement.place(folder.openConversationBytes(), dest, rewrite, console);
        if (dropped[0] > 0) {
            console.warn("Dropped the encrypted reasoning of " + dropped[0] + " step(s): it was saved under another "
                    + "Codex account, which this one cannot decrypt (the summaries stay)");
        }
        console.ok("Conversation: " + dest);
        return Optional.of(m.group(4));
    }

    /** This machine's Codex account, as a hash (never the key itself): for the encrypted-reasoning decision. */
    @Override
    public Optional<String> account() {
        Path auth = home.resolve("auth.json");
        try {
            JsonNode a = Json.COMPACT.readTree(auth.toFile());
            String who = a.path("tokens").path("account_id").asText(null);
            if (who == null) {
                who = a.path("OPENAI_API_KEY").asText(null);
            }
            if (who == null) {
                who = env.get("OPENAI_API_KEY");
            }
            return who == null ? Optional.empty() : Optional.of(hash(who));
        } catch (IOException | RuntimeException e) {
            String key = env.get("OPENAI_API_KEY");
            return key == null ? Optional.empty() : Optional.of(hash(key));
        }
    }

    private static String hash(String s) {
        return Hashes.sha256("codex-account:" + s).substring(0, 24);
    }

    @Override
    public List<String> resumeCommand(String sessionId) {
        return sessionId == null ? List.of("codex") : List.of("codex", "resume", sessionId);
    }

    @Override
    public TranscriptView view() {
        return new CodexTranscriptView();
    }

    /** /nightnight as a Codex custom prompt: the model runs one fixed command; the words travel in the prompt. */
    @Override
    public Installed installCommand(String launcher) throws IOException {
        Path file = home.resolve("prompts").resolve("nightnight.md");
        String text = """
                ---
                description: Save this session to your continuum vault
                argument-hint: [description]
                ---
                %1$s
                Save this Codex session with continuum. Run exactly this one command with your shell tool, and nothing else:

                %2$s save --agent codex --description-from-agent

                Then tell the user the Session ID it prints, in one line, and that `ccc` resumes it tomorrow on any machine.

                Description: $ARGUMENTS
                """.formatted(PROMPT_MARK, launcher);
        return Installed.write(file, text);
    }

    /** The words after "Description:" in the last /nightnight prompt recorded after the offset. */
    @Override
    public Optional<String> commandArguments(Path transcript, long after, String command) throws IOException {
        if (!command.equals("nightnight") || !Files.isRegularFile(transcript) || Files.size(transcript) <= after) {
            return Optional.empty();
        }
        String found = null;
        try (var in = Files.newInputStream(transcript)) {
            in.skipNBytes(after);
            BufferedReader r = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.contains("continuum:nightnight")) {
                    continue;
                }
                try {
                    for (JsonNode c : Json.COMPACT.readTree(line).path("payload").path("content")) {
                        String t = c.path("text").asText("");
                        int at = t.indexOf(PROMPT_MARK);
                        int d = t.lastIndexOf("Description: ");
                        if (at >= 0 && d > at) {
                            found = t.substring(d + "Description: ".length()).strip();
                        }
                    }
                } catch (IOException ignored) {
                    // a torn last line
                }
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public List<Check> checks() {
        List<Check> out = new ArrayList<>();
        if (!Files.isDirectory(home)) {
            return out; // not a Codex user: nothing to say
        }
        out.add(new Check(true, "Codex folder " + home));
        Path prompt = home.resolve("prompts/nightnight.md");
        out.add(Files.isRegularFile(prompt) ? new Check(true, "/nightnight for Codex is installed (" + prompt + ")")
                : new Check(false, "/nightnight for Codex is not installed: run 'continuum install-command --agent codex'"));
        return out;
    }
}
