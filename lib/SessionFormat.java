package lib;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** How a session looks in `list` and in the resume picker. */
public final class SessionFormat {
    private SessionFormat() {
    }

    public static String age(Instant when, Instant now) {
        if (when.equals(Instant.EPOCH)) {
            return "?";
        }
        long s = Math.max(0, Duration.between(when, now).getSeconds());
        if (s < 60) {
            return "just now";
        }
        if (s < 3600) {
            return s / 60 + "m ago";
        }
        if (s < 86_400) {
            return s / 3600 + "h ago";
        }
        if (s < 86_400L * 60) {
            return s / 86_400 + "d ago";
        }
        return s / (86_400L * 30) + "mo ago";
    }

    /** Markers a user scans for: work not committed, commits not pushed, snapshot not in the remote vault. */
    public static List<String> markers(SessionInfo s, Set<String> onRemote) {
        List<String> m = new ArrayList<>();
        if (s.git().path("has_uncommitted").asBoolean(false)) {
            m.add("uncommitted");
        }
        if (s.git().path("has_unpushed").asBoolean(false)) {
            m.add("unpushed");
        }
        if (onRemote != null && !onRemote.contains(s.id())) {
            m.add("not synced");
        }
        return m;
    }

    /**
     * Two lines per session, as the original picker shows them:
     * "  1. [2h ago] description" and "     host · branch · workspace".
     */
    public static List<String> rows(int n, SessionInfo s, Instant now, Set<String> onRemote, int width, boolean withId,
                                    Console paint) {
        String head = String.format("%3d. [%s] ", n, age(s.when(), now));
        if (s.damaged()) {
            return List.of(head + paint.paint("31", "damaged: " + s.damage()), "     " + s.id());
        }
        // Trim before painting: escape codes take no columns.
        String first = head + paint.paint("1", trim(s.description(), width - head.length()));
        List<String> parts = new ArrayList<>();
        if (withId) {
            parts.add(s.id());
        }
        parts.add(s.hostname());
        parts.add(s.branch());
        if (s.workspacePath() != null) {
            parts.add(s.workspacePath());
        }
        String second = "     " + paint.paint("2", String.join(" · ", parts));
        List<String> m = markers(s, onRemote);
        if (!m.isEmpty()) {
            second += "  " + paint.paint("33", "[" + String.join(", ", m) + "]");
        }
        return List.of(first, second);
    }

    static String trim(String text, int max) {
        String one = text.replaceAll("\\s+", " ");
        if (max <= 0 || one.length() <= max) {
            return one;
        }
        return max <= 1 ? "…" : one.substring(0, max - 1) + "…";
    }
}
