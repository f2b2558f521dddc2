package lib.agent.gemini;

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
 * Google's Gemini CLI: chats are ~/.gemini/tmp/&lt;project&gt;/chats/session-&lt;time&gt;-&lt;id8&gt;.jsonl, where
 * &lt;project&gt; is the short name ~/.gemini/projects.json gives the project's path; the first line
 * holds the sessionId and the projectHash (SHA-256 of the path). `gemini --resume &lt;id&gt;` looks for
 * chats of the current project by that name.
 */
public final class GeminiCli implements Agent {
    public static final String NAME = "gemini-cli";
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CHAT = Pattern.compile("session-[0-9T:-]{10,20}-[0-9a-fA-F]{8}\\.jsonl");
    private final Env env;
    private final Path home;

    public GeminiCli(Env env) {
        this.env = env;
        // Gemini CLI puts its folder under GEMINI_CLI_HOME when set, in place of the home folder.
        String base = env.get("GEMINI_CLI_HOME");
        this.home = (base != null && !base.isBlank() ? Path.of(base) : env.home()).resolve(".gemini");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("gemini", "gemini-cli");
    }

    /** Gemini CLI marks the commands it runs with GEMINI_CLI=1. */
    @Override
    public boolean runsHere() {
        return "1".equals(env.get("GEMINI_CLI"));
    }

    @Override
    public Optional<String> sessionIdFromEnvironment() {
        for (String v : List.of("GEMINI_SESSION_ID", "GEMINI_CLI_SESSION_ID")) {
            String id = env.get(v);
            if (id != null && ID.matcher(id).matches()) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    Path projectsFile() {
        return home.resolve("projects.json");
    }

    /** The short name projects.json gives a project's real path, if any. */
    Optional<String> projectName(Path workspace) {
        String root = FileUtil.realPath(workspace).toString();
        String name = readProjects().path("projects").path(root).asText(null);
        return name == null || !safeName(name) ? Optional.empty() : Optional.of(name);
    }

    private ObjectNode readProjects() {
        try {
            JsonNode n = Json.COMPACT.readTree(projectsFile().toFile());
            return n instanceof ObjectNode o ? o : Json.COMPACT.createObjectNode();
        } catch (IOException | RuntimeException e) {
            return Json.COMPACT.createObjectNode();
        }
    }

    private static boolean safeName(String name) {
        return name.matches("[A-Za-z0-9._-]+") && !name.startsWith(".");
    }

    private List<Path> chats(Path workspace) {
        Optional<String> name = projectName(workspace);
        if (name.isEmpty()) {
            return List.of();
        }
        Path dir = home.resolve("tmp").resolve(name.get()).resolve("chats");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> CHAT.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(GeminiCli::mtime).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The newest chat of the session (or of the workspace) that Gemini itself would offer to
     * resume. A resumed chat may go on in a second file with the same session id, and Gemini
     * starts a file holding only its session context before it resumes: such a file is passed
     * over while a chat with a real turn exists, as Gemini's own session list does.
     */
    @Override
    public Optional<AgentSession> find(Path workspace, String sessionId) {
        if (sessionId != null && !ID.matcher(sessionId).matches()) {
            throw new UserError("--session must be a Gemini CLI session id (a UUID), got '" + sessionId + "'");
        }
        String wanted = sessionId != null ? sessionId : sessionIdFromEnvironment().orElse(null);
        String foundBy = sessionId != null ? "--session" : wanted != null ? "environment" : "newest for this workspace";
        AgentSession contextOnly = null;
        for (Path f : chats(workspace)) {
            String id = sessionIdOf(f);
            if (id != null && (wanted == null || wanted.equalsIgnoreCase(id))) {
                AgentSession found = new AgentSession(id, f, foundBy);
                if (GeminiTranscriptView.hasTurns(f)) {
                    return Optional.of(found);
                }
                contextOnly = contextOnly == null ? found : contextOnly;
            }
        }
        return Optional.ofNullable(contextOnly);
    }

    static String sessionIdOf(Path chat) {
        try (BufferedReader r = Files.newBufferedReader(chat, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first == null ? null : Json.COMPACT.readTree(first).path("sessionId").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Instant mtime(Path f) {
        try {
            return Files.getLastModifiedTime(f).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    @Override
    public Optional<Instant> lastActivity(Path workspace) {
        return chats(workspace).stream().findFirst().map(GeminiCli::mtime);
    }

    @Override
    public Copied save(AgentSession session, SessionFolder folder, Redactor redactor) throws IOException {
        JsonlCopy.Result r;
        try (LineSink sink = folder.conversationWriter(Files.size(session.transcript()))) {
            r = JsonlCopy.copy(session.transcript(), sink, redactor,
                    line -> line.contains("\"type\":\"user\"") || line.contains("\"type\":\"gemini\""));
        }
        return new Copied(r.lines(), r.messages(), 0, r.tornTail(), r.invalidLines());
    }

    /**
     * Into the target project's chats folder under its projects.json name (added when missing; the
     * other entries kept), with its projectHash and every path that named the saved workspace moved.
     */
    @Override
    public Optional<String> restore(SessionFolder folder, AgentInfo saved, String savedWorkspace, Path target,
                                    Console console) throws IOException {
        String file = saved.transcriptFile() == null ? null : Path.of(saved.transcriptFile()).getFileName().toString();
        if (file == null || !CHAT.matcher(file).matches() || saved.sessionId() == null || !ID.matcher(saved.sessionId()).matches()) {
            console.warn("The saved Gemini chat has no usable file name or session id; read it with 'continuum show "
                    + folder.id() + " --transcript'");
            return Optional.empty();
        }
        String name = register(target);
        Path dir = home.resolve("tmp").resolve(name);
        Files.createDirectories(dir.resolve("chats"));
        Files.writeString(dir.resolve(".project_root"), FileUtil.realPath(target).toString());
        Path dest = dir.resolve("chats").resolve(file);
        String hash = sha256(FileUtil.realPath(target).toString());
        LineChange paths = Placement.movePaths(savedWorkspace, target.toString());
        // Gemini tells the model its project temp folder (chats/..): the saved machine's moves too.
        Path savedChats = Path.of(saved.transcriptFile()).getParent();
        LineChange tempDir = savedChats == null || savedChats.getParent() == null ? LineChange.none()
                : Placement.movePaths(savedChats.getParent().toString(), dir.toString());
        LineChange rewrite = paths.then(tempDir).then(LineChange.of("\"projectHash\"", line -> {
            try {
                if (Json.COMPACT.readTree(line) instanceof ObjectNode o && o.has("projectHash")) {
                    o.put("projectHash", hash);
                    return Json.COMPACT.writeValueAsString(o);
                }
            } catch (IOException ignored) {
                // not JSON: keep it
            }
            return line;
        }));
        Placement.place(folder.openConversationBytes(), dest, rewrite, console);
        console.ok("Conversation: " + dest);
        return Optional.of(saved.sessionId());
    }

    /** The target's short name in projects.json: its own when it has one, else a new one; no other entry changes. */
    private String register(Path target) throws IOException {
        String root = FileUtil.realPath(target).toString();
        ObjectNode all = readProjects();
        ObjectNode projects = all.has("projects") && all.get("projects").isObject() ? (ObjectNode) all.get("projects")
                : all.putObject("projects");
        String existing = projects.path(root).asText(null);
        if (existing != null && safeName(existing)) {
            return existing;
        }
        String base = target.getFileName() == null ? "project" : target.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "-");
        if (base.isBlank() || base.startsWith(".")) {
            base = "project";
        }
        String name = base;
        List<String> taken = new ArrayList<>();
        projects.properties().forEach(e -> taken.add(e.getValue().asText()));
        for (int n = 2; taken.contains(name); n++) {
            name = base + "-" + n;
        }
        projects.put(root, name);
        Files.createDirectories(home);
        FileUtil.writeAtomically(projectsFile(), Json.MAPPER.writeValueAsString(all) + "\n");
        return name;
    }

    private static String sha256(String s) {
        return Hashes.sha256(s);
    }

    @Override
    public List<String> resumeCommand(String sessionId) {
        return sessionId == null ? List.of("gemini") : List.of("gemini", "--resume", sessionId);
    }

    @Override
    public TranscriptView view() {
        return new GeminiTranscriptView();
    }

    /**
     * /nightnight as a Gemini custom command: Gemini shell-escapes {{args}} inside !{...}, so the
     * words reach continuum as one argument and no shell reads them.
     */
    @Override
    public Installed installCommand(String launcher) throws IOException {
        Path file = home.resolve("commands").resolve("nightnight.toml");
        String text = """
                description = "Save this session to your continuum vault"
                prompt = \"\"\"
                !{%s save --agent gemini -m {{args}}}

                The session was saved as shown above. Tell the user its Session ID in one line, and that
                `ccc` resumes it tomorrow on any machine. Do not run anything else.
                \"\"\"
                """.formatted(launcher);
        return Installed.write(file, text);
    }

    @Override
    public Optional<String> commandArguments(Path transcript, long after, String command) {
        return Optional.empty(); // the words arrive with -m, escaped by Gemini itself
    }

    @Override
    public List<Check> checks() {
        List<Check> out = new ArrayList<>();
        if (!Files.isDirectory(home)) {
            return out;
        }
        out.add(new Check(true, "Gemini CLI folder " + home));
        Path cmd = home.resolve("commands/nightnight.toml");
        out.add(Files.isRegularFile(cmd) ? new Check(true, "/nightnight for Gemini CLI is installed (" + cmd + ")")
                : new Check(false, "/nightnight for Gemini CLI is not installed: run 'continuum install-command --agent gemini'"));
        return out;
    }
}
