package lib.term;

import java.time.Duration;
import java.time.Instant;

/** How saved text is shown: on one line, cut to a width, without control characters. */
public final class Text {
    private Text() {
    }

    /**
     * s without control characters (escape, OSC, BEL, ...): text from a vault or a transcript is
     * never allowed to drive the terminal. Tabs and newlines become spaces.
     */
    public static String safe(String s) {
        return clean(s, false);
    }

    /** Like safe, but keeps line breaks and tabs: for multi-line text such as a conversation turn. */
    public static String safeLines(String s) {
        return clean(s, true);
    }

    private static String clean(String s, boolean keepLines) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = (c < 0x20 && !(keepLines && (c == '\n' || c == '\t'))) || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            if (control && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                if (!control) {
                    b.append(c);
                } else if (c == '\t' || c == '\n' || c == '\r') {
                    b.append(' ');
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** Safe, whitespace folded to single spaces, and cut with "…" to max characters (0: no limit). */
    public static String oneLine(String s, int max) {
        String one = safe(s).replaceAll("\\s+", " ").strip();
        if (max <= 0 || one.length() <= max) {
            return one;
        }
        return max <= 1 ? "…" : one.substring(0, max - 1) + "…";
    }

    /** "just now", "5m ago", "3h ago", "2d ago", "4mo ago"; "?" for an unknown time. */
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

    /** Bytes as people read them: 512 B, 3.2 KB, 41.0 MB. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format("%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
