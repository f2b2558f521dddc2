package lib.agent.claude;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
import lib.base.Json;
import lib.base.UserError;
import lib.secrets.Redactor;
import lib.session.LineSink;
import lib.session.SessionFolder;
import lib.session.SessionMetadata.AgentInfo;
import lib.term.Console;

/**
 * Claude Code: transcripts under ~/.claude/projects/&lt;encoded project path&gt;/&lt;session id&gt;.jsonl
 * (CLAUDE_CONFIG_DIR replaces ~/.claude), sub-agent transcripts in &lt;session id&gt;/subagents/,
 * a pid file per running session in sessions/, slash commands in commands/.
 */
public final class ClaudeCode implements Agent {
    public static final String NAME = "claude-code";
    private final Env env;
    private final Path configDir;

    public ClaudeCode(Env env) {
        this.env = env;
        this.configDir = env.dir("CLAUDE_CONFIG_DIR", ".claude");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> aliases() {
        return List.of("claude", "claude-code");
    }

    public Path configDir() {
        return configDir;
    }

    public Path projectsDir() {
        return configDir.resolve("projects");
    }

    Path sessionsDir() {
        return configDir.resolve("sessions");
    }

    public Path commandsDir() {
        return configDir.resolve("commands");
    }

    @Override
    public boolean runsHere() {
        return env.get("CLAUDECODE") != null || env.get("CLAUDE_CODE_SESSION_ID") != null;
    }

    /** The session id Claude Code gives the commands it runs: CLAUDE_SESSION_ID, else CLAUDE_CODE_SESSION_ID. */
    @Override
    public Optional<String> sessionIdFromEnvironment() {
        return sessionVariable().map(name -> env.get(name));
    }

    private Optional<String> sessionVariable() {
        return SESSION_VARIABLES.stream().filter(name -> ProjectNames.isUuid(env.get(name))).findFirst();
    }

    private static final List<String> SESSION_VARIABLES = List.of("CLAUDE_SESSION_ID", "CLAUDE_CODE_SESSION_ID");

    /** Claude Code's name for a project's folder under projects/ (see ProjectNames). */
    public static String encode(Path workspace) {
        return ProjectNames.encode(workspace);
    }

    /** The folder Claude Code keeps this workspace's transcripts in (it may not exist yet). */
    public Path projectDir(Path workspace) {
        return ProjectNames.folderFor(projectsDir(), workspace);
    }

    /** Order: the id asked for, the id in the environment, the Claude Code process above this one, the newest of the project. */
    @Override
    public Optional<AgentSession> find(Path workspace, String sessionId) {
        if (sessionId != null) {
            if (!ProjectNames.isUuid(sessionId)) {
                throw new UserError("--session must be a Claude Code session id (a UUID), got '" + sessionId + "'");
            }
            return byId(workspace, sessionId, "--session");
        }
        Optional<String> variable = sessionVariable();
        if (variable.isPresent()) {
            Optional<AgentSession> f = byId(workspace, env.get(variable.get()), variable.get());
            if (f.isPresent()) {
                return f;
            }
        }
        Optional<AgentSession> running = fromParentProcesses(workspace);
        if (running.isPresent()) {
            return running;
        }
        return newest(workspace).map(f -> new AgentSession(stem(f), f, "newest in project"));
    }

    Optional<AgentSession> byId(Path workspace, String id, String how) {
        Path direct = projectDir(workspace).resolve(id + ".jsonl");
        if (Files.isRegularFile(direct)) {
            return Optional.of(new AgentSession(id, direct, how));
        }
        // The agent may have been started in another folder (a parent, a sibling worktree).
        if (!Files.isDirectory(projectsDir())) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(projectsDir())) {
            return dirs.map(d -> d.resolve(id + ".jsonl")).filter(Files::isRegularFile).findFirst()
                    .map(f -> new AgentSession(id, f, how));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<AgentSession> fromParentProcesses(Path workspace) {
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        for (int depth = 0; p.isPresent() && depth < 16; depth++, p = p.get().parent()) {
            Path pidFile = sessionsDir().resolve(p.get().pid() + ".json");
            if (!Files.isRegularFile(pidFile)) {
                continue;
            }
            try {
                String id = Json.COMPACT.readTree(pidFile.toFile()).path("sessionId").asText(null);
                if (ProjectNames.isUuid(id)) {
                    Optional<AgentSession> f = byId(workspace, id, "parent process " + p.get().pid());
                    if (f.isPresent()) {
                        return f;
                    }
                }
            } catch (IOException ignored) {
                // a pid file being rewritten or half-written: try the next ancestor
            }
        }
        return Optional.empty();
    }

    private Optional<Path> newest(Path workspace) {
        Path dir = projectDir(workspace);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(f))
                    .filter(f -> ProjectNames.isUuid(stem(f)))
                    .max(Comparator.comparing(ClaudeCode::mtime));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Instant> lastActivity(Path workspace) {
        return newest(workspace).map(f -> mtime(f).toInstant());
    }

    @Override
    public Copied save(AgentSession session, SessionFolder folder, Redactor redactor) throws IOException {
        JsonlCopy.Result main;
        try (LineSink sink = folder.conversationWriter(Files.size(session.transcript()))) {
            main = JsonlCopy.copy(session.transcript(), sink, redactor, ClaudeCode::isTurn);
        }
        int subagents = 0;
        Path from = session.transcript().resolveSibling(session.id()).resolve("subagents");
        if (Files.isDirectory(from)) {
            List<Path> files;
            try (Stream<Path> s = Files.list(from)) {
                files = s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
            }
            for (Path f : files) {
                Files.createDirectories(folder.subagentsDir());
                try (LineSink sink = LineSink.toFile(folder.subagentsDir().resolve(f.getFileName().toString()))) {
                    JsonlCopy.copy(f, sink, redactor, line -> false);
                }
                subagents++;
            }
        }
        return new Copied(main.lines(), main.messages(), subagents, main.tornTail(), main.invalidLines());
    }

    /** Top-level entries are compact JSON written by Claude Code; nested quotes are escaped. */
    private static boolean isTurn(String line) {
        return line.contains("\"type\":\"user\"") || line.contains("\"type\":\"assistant\"");
    }

    @Override
    public Optional<String> restore(SessionFolder folder, AgentInfo saved, String savedWorkspace, Path target,
                                    Console console) throws IOException {
        String id = saved.sessionId();
        if (id == null) {
            id = firstSessionId(folder);
        }
        if (!ProjectNames.isUuid(id)) {
            console.warn("The saved conversation has no Claude Code session id; read it with 'continuum show "
                    + folder.id() + " --transcript'");
            return Optional.empty();
        }
        Path project = projectDir(target);
        Path dest = project.resolve(id + ".jsonl");
        // Every entry records the folder it ran in: a cwd in the saved workspace moves with it.
        LineChange moveCwd = Placement.moveField("cwd", savedWorkspace, target.toString());
        Placement.place(folder.openConversationBytes(), dest, moveCwd, console);
        if (Files.isDirectory(folder.subagentsDir())) {
            List<Path> files;
            try (Stream<Path> s = Files.list(folder.subagentsDir())) {
                files = s.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
            }
            for (Path f : files) {
                Placement.place(Files.newInputStream(f), project.resolve(id).resolve("subagents").resolve(f.getFileName()),
                        moveCwd, console);
            }
        }
        console.ok("Conversation: " + dest);
        return Optional.of(id);
    }

    private static String firstSessionId(SessionFolder folder) throws IOException {
        try (BufferedReader r = folder.openConversation(); var lines = r.lines()) {
            return lines.limit(50).map(l -> {
                try {
                    return Json.COMPACT.readTree(l).path("sessionId").asText(null);
                } catch (IOException e) {
                    return null;
                }
            }).filter(ProjectNames::isUuid).findFirst().orElse(null);
        }
    }

    private static final Pattern COMMAND = Pattern.compile(
            "<command-name>/(?:[\\w-]+:)?([\\w-]+)</command-name>.*?<command-args>(.*?)</command-args>", Pattern.DOTALL);

    /** Claude Code records a slash command as a user entry: command-name and command-args tags. */
    @Override
    public Optional<String> commandArguments(Path transcript, long after, String command) throws IOException {
        if (!Files.isRegularFile(transcript) || Files.size(transcript) <= after) {
            return Optional.empty();
        }
        String found = null;
        try (var in = Files.newInputStream(transcript)) {
            in.skipNBytes(after);
            BufferedReader r = new BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.contains("<command-name>")) {
                    continue;
                }
                try {
                    var n = Json.COMPACT.readTree(line);
                    var content = n.path("message").path("content");
                    String text = content.isTextual() ? content.asText() : content.path(0).path("text").asText("");
                    Matcher m = COMMAND.matcher(text);
                    if (n.path("type").asText().equals("user") && m.find() && m.group(1).equals(command)) {
                        found = m.group(2).strip();
                    }
                } catch (IOException ignored) {
                    // a torn last line: the agent is still writing it
                }
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public List<String> resumeCommand(String sessionId) {
        List<String> args = new ArrayList<>(List.of("claude"));
        if (sessionId != null) {
            args.add("--resume");
            args.add(sessionId);
        }
        return args;
    }

    @Override
    public TranscriptView view() {
        return new ClaudeTranscriptView();
    }

    @Override
    public Installed installCommand(String launcher) throws IOException {
        return NightnightCommand.install(commandsDir(), launcher);
    }

    @Override
    public Installed installHook(String command, boolean remove) throws IOException {
        return ClaudeSettings.setHook(configDir.resolve("settings.json"), command, remove);
    }

    /** How the session-end hook is installed: from the plugin, in settings.json, or not at all (null). */
    String hookInstalledBy() {
        try {
            if (ClaudeSettings.isInstalled(ClaudeSettings.read(configDir.resolve("settings.json")))) {
                return "settings.json";
            }
            Path plugins = configDir.resolve("plugins/installed_plugins.json");
            if (Files.isRegularFile(plugins) && Files.readString(plugins).contains("\"continuum@")) {
                return "the continuum plugin";
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    @Override
    public List<Check> checks() {
        List<Check> out = new ArrayList<>();
        out.add(Files.isDirectory(configDir) ? new Check(true, "Claude Code folder " + configDir)
                : new Check(false, "No Claude Code folder at " + configDir + " (set CLAUDE_CONFIG_DIR if it lives elsewhere)"));
        Path cmd = commandsDir().resolve(NightnightCommand.FILE);
        String hook = hookInstalledBy();
        out.add(Files.isRegularFile(cmd) ? new Check(true, "/nightnight is installed (" + cmd + ")")
                : hook != null && hook.contains("plugin") ? new Check(true, "/continuum:nightnight comes with the plugin")
                : new Check(false, "/nightnight is not installed: run 'continuum install-command'"));
        out.add(hook != null ? new Check(true, "Sessions are saved automatically when they end (hook from " + hook + ")")
                : new Check(false, "No session-end hook: sessions are saved only by /nightnight "
                        + "('continuum install-command --hooks', or install the plugin)"));
        if (env.findOnPath("claude") == null) {
            out.add(new Check(false, "claude is not on PATH: resume will print the command instead of starting it"));
        }
        return out;
    }

    private static String stem(Path f) {
        String name = f.getFileName().toString();
        return name.substring(0, name.length() - ".jsonl".length());
    }

    private static FileTime mtime(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
