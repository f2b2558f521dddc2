package lib;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.agent.TranscriptView;
import lib.base.Json;
import lib.session.Session;
import lib.session.SessionMetadata;
import lib.session.SessionMetadata.GitInfo;
import lib.term.Text;
import lib.vault.Vault.PushState;

/** What `show` and `list --json` say about a session, as text for people or JSON for scripts. */
public final class SessionReport {
    private SessionReport() {
    }

    /** A session's metadata as JSON, as metadata.json holds it. */
    public static ObjectNode json(SessionMetadata meta) {
        return Json.COMPACT.valueToTree(meta);
    }

    /**
     * The metadata as JSON, with the session id set even for damaged entries, `damaged` when the
     * metadata could not be read, and `pushed` when the vault has a remote.
     */
    public static ObjectNode json(Session s, PushState pushed) {
        ObjectNode o = s.meta() == null ? Json.COMPACT.createObjectNode() : json(s.meta());
        if (!o.hasNonNull("session_id")) {
            o.put("session_id", s.id());
        }
        if (s.damaged()) {
            o.put("damaged", s.damage());
        }
        if (pushed != PushState.LOCAL_ONLY) {
            o.put("pushed", pushed == PushState.PUSHED);
        }
        return o;
    }

    /** show --json: the metadata plus pushed, the session's files and the transcript summary. */
    public static ObjectNode json(Session s, TranscriptView.Summary summary, PushState pushed) throws IOException {
        ObjectNode o = json(s, pushed);
        ObjectNode files = o.putObject("files");
        for (Map.Entry<String, Long> f : s.folder().files()) {
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

    /**
     * Each file at the top of the session's folder with its size; a sub-folder's files (a long
     * conversation's parts, large files, sub-agents' transcripts) as one entry, counted: a 30 MB
     * conversation is 16 parts. `show --json` lists every file.
     */
    private static String filesLine(List<Map.Entry<String, Long>> files) {
        Map<String, long[]> entries = new LinkedHashMap<>(); // name, or folder/: {files, bytes}
        for (Map.Entry<String, Long> f : files) {
            int slash = f.getKey().indexOf('/');
            long[] e = entries.computeIfAbsent(slash < 0 ? f.getKey() : f.getKey().substring(0, slash + 1), k -> new long[2]);
            e[0]++;
            e[1] += f.getValue();
        }
        List<String> shown = new ArrayList<>();
        entries.forEach((name, e) -> shown.add(name.endsWith("/")
                ? name + " (" + e[0] + (e[0] == 1 ? " file, " : " files, ") + Text.size(e[1]) + ")"
                : name + " (" + Text.size(e[1]) + ")"));
        return String.join(", ", shown);
    }

    /** The text `show` prints: metadata, files and the conversation summary. */
    public static void print(Session s, TranscriptView.Summary t, PushState pushed, PrintWriter out) throws IOException {
        SessionMetadata m = s.meta();
        GitInfo g = s.git();
        out.println("Session " + s.id());
        if (s.damaged()) {
            out.println("  Damaged:      " + s.damage());
        }
        if (s.newerFormat()) {
            out.println("  Newer format: " + s.newerFormatNote() + " (update continuum here to resume it)");
        }
        row(out, "Description", s.description());
        row(out, "Saved", (m == null || m.timestamp() == null ? "?" : m.timestamp()) + " ("
                + Text.age(s.when(), Instant.now()) + ")" + (s.auto() ? ", automatically at session end" : ""));
        if (m != null) {
            row(out, "Host", s.hostname() + " (" + (m.kernelVersion() == null ? "?" : m.kernelVersion())
                    + (m.os() != null ? ", " + m.os() : "") + ")" + (m.user() != null ? " as " + m.user() : ""));
        }
        row(out, "Workspace", s.workspacePath() == null ? "?" : s.workspacePath());
        if (!s.isRepo()) {
            row(out, "Git", "N/A (not a git repository)");
        } else {
            String head = g.head() != null && g.head().length() >= 7 ? " @ " + g.head().substring(0, 7) : "";
            row(out, "Git", "branch " + s.branch() + head + (g.upstream() != null ? ", upstream " + g.upstream() : "")
                    + (g.remoteUrl() != null ? ", origin " + g.remoteUrl() : ""));
            List<String> state = new ArrayList<>();
            state.add(g.hasUncommitted() ? "uncommitted changes" : "clean work tree");
            if (g.changedCount() != null) {
                state.add(g.changedCount() + " changed");
            }
            if (g.untrackedCount() != null) {
                state.add(g.untrackedCount() + " untracked");
            }
            if (g.hasUnpushed()) {
                state.add((g.unpushedCount() != null ? g.unpushedCount() + " " : "") + "unpushed commit(s)");
            }
            row(out, "Changes", String.join(", ", state));
            if (g.operation() != null) {
                row(out, "In progress", g.operation().kind() + (g.operation().branch() != null ? " of " + g.operation().branch() : ""));
            }
            if (g.wipBranch() != null) {
                row(out, "Wip branch", g.wipBranch());
            }
            for (SessionMetadata.LeftOut sk : g.skippedFiles()) {
                row(out, "Left out", sk.path() + ": " + sk.reason());
            }
        }
        if (m != null && m.redactions() != null && m.redactions().count() > 0) {
            row(out, "Redactions", m.redactions().count() + " (" + String.join(", ", m.redactions().kinds().keySet()) + ")");
        }
        if (pushed != PushState.LOCAL_ONLY) {
            row(out, "Vault", pushed == PushState.PUSHED ? "pushed" : "not pushed yet (run 'continuum sync')");
        }
        row(out, "Files", filesLine(s.folder().files()));
        if (t == null) {
            row(out, "Conversation", "none saved");
            return;
        }
        List<String> counts = new ArrayList<>();
        t.byType().forEach((k, v) -> counts.add(v + " " + k));
        row(out, "Conversation", t.lines() + " entries: " + String.join(", ", counts));
        if (s.agent().name() != null) {
            row(out, "Agent", s.agent().name());
        }
        if (s.agent().sessionId() != null) {
            row(out, "Agent session", s.agent().sessionId());
        }
        if (t.firstPrompt() != null) {
            row(out, "First prompt", Text.oneLine(t.firstPrompt(), 100));
        }
        if (t.lastReply() != null) {
            row(out, "Last reply", Text.oneLine(t.lastReply(), 100));
        }
        if (!t.tools().isEmpty()) {
            List<String> tools = new ArrayList<>();
            t.tools().forEach((k, v) -> tools.add(k + " ×" + v));
            row(out, "Tools used", Text.oneLine(String.join(", ", tools), 0));
        }
    }

    private static void row(PrintWriter out, String label, String value) {
        out.println(String.format("  %-15s%s", label + ":", Text.safe(value)));
    }
}
