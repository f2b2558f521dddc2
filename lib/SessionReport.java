package lib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** What `show` says about one session, as text for people or JSON for scripts. */
public final class SessionReport {
    private SessionReport() {
    }

    /** The metadata plus pushed, files and the transcript summary. */
    public static ObjectNode json(SessionInfo s, TranscriptView.Summary summary, Set<String> onRemote) throws IOException {
        ObjectNode o = s.toJson();
        if (onRemote != null) {
            o.put("pushed", onRemote.contains(s.id()));
        }
        ObjectNode files = o.putObject("files");
        for (Map.Entry<String, Long> f : files(s.dir())) {
            files.put(f.getKey(), f.getValue());
        }
        if (summary != null) {
            ObjectNode t = o.putObject("transcript");
            t.put("lines", summary.lines());
            t.set("by_type", Json.COMPACT.valueToTree(summary.byType()));
            t.put("first_prompt", summary.firstPrompt());
            t.put("last_reply", summary.lastReply());
            t.set("tools", Json.COMPACT.valueToTree(summary.tools()));
        }
        return o;
    }

    /** The text `show` prints: metadata, files and the conversation summary. */
    public static void print(SessionInfo s, TranscriptView.Summary t, Set<String> onRemote, PrintWriter out)
            throws IOException {
        JsonNode m = s.meta();
        JsonNode g = s.git();
        out.println("Session " + s.id());
        if (s.damaged()) {
            out.println("  Damaged:     " + s.damage());
        }
        row(out, "Description", s.description());
        row(out, "Saved", m.path("timestamp").asText("?") + " (" + SessionFormat.age(s.when(), Instant.now()) + ")");
        row(out, "Host", s.hostname() + " (" + m.path("kernel_version").asText("?")
                + (m.has("os") ? ", " + m.path("os").asText() : "") + ")"
                + (m.has("user") ? " as " + m.path("user").asText() : ""));
        row(out, "Workspace", s.workspacePath() == null ? "?" : s.workspacePath());
        if (!s.isRepo()) {
            row(out, "Git", "N/A (not a git repository)");
        } else {
            String head = g.path("head").isTextual() ? " @ " + g.path("head").asText().substring(0, 7) : "";
            row(out, "Git", "branch " + s.branch() + head
                    + (g.path("upstream").isTextual() ? ", upstream " + g.path("upstream").asText() : "")
                    + (g.path("remote_url").isTextual() ? ", origin " + g.path("remote_url").asText() : ""));
            List<String> state = new ArrayList<>();
            state.add(g.path("has_uncommitted").asBoolean() ? "uncommitted changes" : "clean work tree");
            if (g.has("changed_count")) {
                state.add(g.path("changed_count").asInt() + " changed");
            }
            if (g.has("untracked_count")) {
                state.add(g.path("untracked_count").asInt() + " untracked");
            }
            if (g.path("has_unpushed").asBoolean()) {
                state.add((g.has("unpushed_count") ? g.path("unpushed_count").asInt() + " " : "") + "unpushed commit(s)");
            }
            row(out, "Changes", String.join(", ", state));
            if (g.path("wip_branch").isTextual()) {
                row(out, "Wip branch", g.path("wip_branch").asText());
            }
            for (JsonNode sk : g.path("skipped_files")) {
                row(out, "Left out", sk.path("path").asText() + " (" + sk.path("reason").asText() + ")");
            }
        }
        if (m.path("redactions").path("count").asInt(0) > 0) {
            List<String> kinds = new ArrayList<>();
            m.path("redactions").path("kinds").fieldNames().forEachRemaining(kinds::add);
            row(out, "Redactions", m.path("redactions").path("count").asInt() + " (" + String.join(", ", kinds) + ")");
        }
        if (onRemote != null) {
            row(out, "Vault", onRemote.contains(s.id()) ? "pushed" : "not pushed yet (run 'continuum sync')");
        }
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, Long> f : files(s.dir())) {
            files.add(f.getKey() + " (" + size(f.getValue()) + ")");
        }
        row(out, "Files", String.join(", ", files));
        if (t == null) {
            row(out, "Conversation", "none saved");
            return;
        }
        List<String> counts = new ArrayList<>();
        t.byType().forEach((k, v) -> counts.add(v + " " + k));
        row(out, "Conversation", t.lines() + " entries: " + String.join(", ", counts));
        if (s.agentSessionId() != null) {
            row(out, "Agent session", s.agentSessionId());
        }
        if (t.firstPrompt() != null) {
            row(out, "First prompt", TranscriptView.oneLine(t.firstPrompt(), 100));
        }
        if (t.lastReply() != null) {
            row(out, "Last reply", TranscriptView.oneLine(t.lastReply(), 100));
        }
        if (!t.tools().isEmpty()) {
            List<String> tools = new ArrayList<>();
            t.tools().forEach((k, v) -> tools.add(k + " ×" + v));
            row(out, "Tools used", String.join(", ", tools));
        }
    }

    private static void row(PrintWriter out, String label, String value) {
        out.println(String.format("  %-14s%s", label + ":", value));
    }

    /** Every file in the session folder with its size, in path order. */
    public static List<Map.Entry<String, Long>> files(Path dir) throws IOException {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                if (Files.isRegularFile(p)) {
                    out.add(Map.entry(dir.relativize(p).toString(), Files.size(p)));
                }
            }
        }
        return out;
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
}
