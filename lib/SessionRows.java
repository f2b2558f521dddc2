package lib;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lib.session.Session;
import lib.term.Console;
import lib.term.Text;
import lib.vault.Vault.PushState;

/** How a session looks in `list` and in the resume picker. */
public final class SessionRows {
    private SessionRows() {
    }

    /**
     * Markers a user scans for: the project's own state when saved (work not committed, commits
     * not pushed to its origin), then the vault's (a session not yet on the vault's remote).
     */
    public static List<String> markers(Session s, PushState pushed) {
        List<String> m = new ArrayList<>();
        List<String> project = new ArrayList<>();
        if (s.git().hasUncommitted()) {
            project.add("uncommitted");
        }
        if (s.git().hasUnpushed()) {
            project.add("unpushed");
        }
        if (!project.isEmpty()) {
            m.add("project: " + String.join(", ", project));
        }
        if (s.auto()) {
            m.add("auto");
        }
        if (pushed == PushState.NOT_PUSHED) {
            m.add("not synced");
        }
        return m;
    }

    /**
     * Two lines per session, as the original picker shows them:
     * "  1. [2h ago] description" and "     host · branch · workspace".
     */
    public static List<String> rows(int n, Session s, Instant now, PushState pushed, int width, boolean withId,
                                    Console paint) {
        String head = String.format("%3d. [%s] ", n, Text.age(s.when(), now));
        if (s.damaged()) {
            return List.of(head + paint.paint("31", "damaged: " + s.damage()), "     " + s.id());
        }
        // Trim before painting: escape codes take no columns.
        String first = head + paint.paint("1", Text.oneLine(s.description(), width <= 0 ? 0 : width - head.length()));
        List<String> parts = new ArrayList<>();
        if (withId) {
            parts.add(s.id());
        }
        parts.add(Text.safe(s.hostname()));
        parts.add(Text.safe(s.branch()));
        if (s.workspacePath() != null) {
            parts.add(Text.safe(s.workspacePath()));
        }
        String second = "     " + paint.paint("2", String.join(" · ", parts));
        List<String> m = markers(s, pushed);
        if (!m.isEmpty()) {
            second += "  " + paint.paint("33", "[" + String.join("; ", m) + "]");
        }
        return List.of(first, second);
    }
}
