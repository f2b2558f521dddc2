package lib;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the running agent session's transcript and copies it, redacted, line by line. */
public final class Transcript {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Where the transcript was found and which rule found it. */
    public record Found(Path file, String sessionId, String how) {
        /** Claude Code keeps a session's sub-agent transcripts in a folder named after the session. */
        public Path subagentsDir() {
            return file.resolveSibling(sessionId).resolve("subagents");
        }
    }

    /** What a copy wrote: lines kept, user+assistant messages, whether the last line was cut. */
    public record Copied(long lines, long messages, boolean truncatedLastLine) {
    }

    private Transcript() {
    }

    public static boolean isUuid(String s) {
        return s != null && UUID.matcher(s).matches();
    }

    /**
     * DESIGN §4 order: --session, CLAUDE_SESSION_ID, the parent-process chain against
     * sessions/<pid>.json, then the newest jsonl of the workspace's project folder.
     */
    public static Optional<Found> locate(ClaudeCode claude, Path workspace, String explicitId, Env env) {
        if (explicitId != null) {
            if (!isUuid(explicitId)) {
                throw new UserError("--session must be a Claude Code session id (a UUID), got '" + explicitId + "'");
            }
            return byId(claude, workspace, explicitId, "--session");
        }
        String fromEnv = env.get("CLAUDE_SESSION_ID");
        if (isUuid(fromEnv)) {
            Optional<Found> f = byId(claude, workspace, fromEnv, "CLAUDE_SESSION_ID");
            if (f.isPresent()) {
                return f;
            }
        }
        Optional<Found> running = fromParentProcesses(claude, workspace);
        if (running.isPresent()) {
            return running;
        }
        return newestIn(claude.projectDir(workspace));
    }

    static Optional<Found> byId(ClaudeCode claude, Path workspace, String id, String how) {
        Path direct = claude.projectDir(workspace).resolve(id + ".jsonl");
        if (Files.isRegularFile(direct)) {
            return Optional.of(new Found(direct, id, how));
        }
        // The agent may have been started in another folder (a parent, a sibling worktree).
        Path projects = claude.projectsDir();
        if (!Files.isDirectory(projects)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(projects)) {
            return dirs.map(d -> d.resolve(id + ".jsonl")).filter(Files::isRegularFile).findFirst()
                    .map(f -> new Found(f, id, how));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Found> fromParentProcesses(ClaudeCode claude, Path workspace) {
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        for (int depth = 0; p.isPresent() && depth < 16; depth++, p = p.get().parent()) {
            Path pidFile = claude.sessionsDir().resolve(p.get().pid() + ".json");
            if (!Files.isRegularFile(pidFile)) {
                continue;
            }
            try {
                JsonNode n = Json.COMPACT.readTree(pidFile.toFile());
                String id = n.path("sessionId").asText(null);
                if (isUuid(id)) {
                    Optional<Found> f = byId(claude, workspace, id, "parent process " + p.get().pid());
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

    static Optional<Found> newestIn(Path projectDir) {
        if (!Files.isDirectory(projectDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(projectDir)) {
            List<Path> jsonl = files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .filter(Files::isRegularFile).toList();
            return jsonl.stream().max(Comparator.comparing(Transcript::mtime)).map(f -> {
                String name = f.getFileName().toString();
                return new Found(f, name.substring(0, name.length() - ".jsonl".length()), "newest in project");
            });
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileTime mtime(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Where copied lines go: one file, or the vault's parts (see SavedConversation). */
    public interface LineSink {
        void line(String line) throws IOException;
    }

    /** Copies src to dest, redacting each line. */
    public static Copied copyRedacted(Path src, Path dest, Redactor redactor) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(dest, StandardCharsets.UTF_8)) {
            return copyRedacted(src, l -> {
                out.write(l);
                out.write('\n');
            }, redactor);
        }
    }

    /** Streams src line by line through the redactor; never holds the whole transcript in memory. */
    public static Copied copyRedacted(Path src, LineSink sink, Redactor redactor) throws IOException {
        long lines = 0;
        long messages = 0;
        String last = null;
        try (BufferedReader in = Files.newBufferedReader(src, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                // Top-level entries are compact JSON written by Claude Code; nested quotes are escaped.
                if (line.contains("\"type\":\"user\"") || line.contains("\"type\":\"assistant\"")) {
                    messages++;
                }
                sink.line(redactor.redactJsonLine(line));
                last = line;
            }
        }
        boolean cut = last != null && !last.isBlank() && !endsWithNewline(src) && topLevelType(last) == null;
        return new Copied(lines, messages, cut);
    }

    private static boolean endsWithNewline(Path f) throws IOException {
        try (var ch = Files.newByteChannel(f)) {
            long size = ch.size();
            if (size == 0) {
                return true;
            }
            ch.position(size - 1);
            var buf = java.nio.ByteBuffer.allocate(1);
            ch.read(buf);
            return buf.get(0) == '\n';
        }
    }

    /**
     * Writes a saved transcript where Claude Code will look for it, with its cwd fields moved
     * from the saved workspace to the restored one. Lines that do not mention the old path are
     * copied untouched.
     */
    public static void placeForResume(BufferedReader saved, Path dest, String oldCwd, String newCwd) throws IOException {
        Files.createDirectories(dest.getParent());
        Path tmp = dest.resolveSibling("." + dest.getFileName() + ".tmp");
        boolean rewrite = oldCwd != null && !oldCwd.equals(newCwd);
        try (BufferedReader in = saved;
             BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(rewrite && line.contains("\"cwd\"") ? moveCwd(line, oldCwd, newCwd) : line);
                out.write('\n');
            }
        }
        Files.move(tmp, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String moveCwd(String line, String oldCwd, String newCwd) {
        try {
            JsonNode n = Json.COMPACT.readTree(line);
            if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.path("cwd").isTextual()) {
                String cwd = o.path("cwd").asText();
                if (cwd.equals(oldCwd) || cwd.startsWith(oldCwd + "/")) {
                    o.put("cwd", newCwd + cwd.substring(oldCwd.length()));
                    return Json.COMPACT.writeValueAsString(o);
                }
            }
        } catch (IOException ignored) {
            // not JSON (a cut line): keep it as it is
        }
        return line;
    }

    /** The "type" of a transcript entry, read without building a tree; null if the line is not JSON. */
    public static String topLevelType(String line) {
        try (JsonParser p = Json.FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String type = "";
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("type".equals(name) && v == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            return t == JsonToken.END_OBJECT ? type : null;
        } catch (IOException e) {
            return null;
        }
    }
}
