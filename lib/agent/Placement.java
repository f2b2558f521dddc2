package lib.agent;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import lib.base.Json;
import lib.term.Console;

/**
 * Writes a saved transcript where an agent will look for it. A transcript already there is
 * replaced only when nothing of it would be lost (same bytes, or what is restored starts with it);
 * otherwise it is kept beside as &lt;name&gt;.before-restore-&lt;time&gt;.
 */
public final class Placement {
    private Placement() {
    }

    /**
     * Copies saved to dest, passing the lines change mentions through it. Every other line, and a
     * line too long to hold, keeps its bytes exactly (invalid UTF-8 included).
     */
    public static void place(InputStream saved, Path dest, LineChange change, Console console) throws IOException {
        Files.createDirectories(dest.getParent());
        Path tmp = dest.resolveSibling("." + dest.getFileName() + ".tmp");
        BytePattern[] mentions = change.mentions().stream().map(m -> new BytePattern(m.getBytes(StandardCharsets.UTF_8)))
                .toArray(BytePattern[]::new);
        try (InputStream in = saved; OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            if (mentions.length == 0) {
                in.transferTo(out);
            } else {
                copyLines(in, out, mentions, change);
            }
        }
        if (Files.isRegularFile(dest)) {
            if (startsWith(tmp, dest)) {
                if (Files.mismatch(tmp, dest) == -1) {
                    Files.delete(tmp);
                    return;
                }
            } else {
                Path backup = dest.resolveSibling(dest.getFileName() + ".before-restore-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
                Files.move(dest, backup);
                console.warn("Kept the conversation that was already here as " + backup.getFileName());
            }
        }
        Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copyLines(InputStream in, OutputStream out, BytePattern[] mentions, LineChange change) throws IOException {
        Lines lines = new Lines(in);
        byte[] piece = new byte[1 << 16];
        while (lines.next()) {
            byte[] b = lines.bytes();
            int n = lines.length();
            if (lines.tooLong()) {
                out.write(b, 0, n);
                for (int k; (k = lines.piece(piece, piece.length)) >= 0; ) {
                    out.write(piece, 0, k);
                }
            } else if (mentionsAny(b, n, mentions)) {
                byte[] changed = change.bytes() != null ? change.bytes().apply(b, n) : changedText(b, n, change);
                if (changed == null) {
                    out.write(b, 0, n);
                } else {
                    out.write(changed);
                }
            } else {
                out.write(b, 0, n);
            }
            if (lines.endedWithNewline()) {
                out.write('\n');
            }
        }
    }

    /** The line passed through change as text: its new bytes, or null when it stays as it is. */
    private static byte[] changedText(byte[] b, int n, LineChange change) {
        String line = new String(b, 0, n, StandardCharsets.UTF_8);
        String changed = change.change().apply(line);
        return changed.equals(line) ? null : changed.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean mentionsAny(byte[] b, int n, BytePattern[] mentions) {
        for (BytePattern m : mentions) {
            if (m.in(b, 0, n) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A line rewriter for transcripts that name the workspace in many places (prompts, context
     * blocks, cwd fields): wherever a line names the saved workspace path (alone or followed by a
     * path separator or a non-name character: not /ws-2 for /ws), it names the target instead. The
     * line's bytes change there and nowhere else, with nothing decoded or parsed (a parse into a tree
     * and back took 0.7 s for a 30 MB transcript that names its folder on every line).
     */
    public static LineChange movePaths(String oldPath, String newPath) {
        return move("", oldPath, newPath, false);
    }

    /**
     * A line rewriter for one field: "field":"old" and "field":"old/..." name the target instead
     * (an agent's compact JSON, as it writes every entry); the rest of the line is left alone.
     */
    public static LineChange moveField(String field, String oldPath, String newPath) {
        return move("\"" + inJson(field) + "\":\"", oldPath, newPath, true);
    }

    /**
     * The change of the lines that name before + oldPath (as JSON writes them): oldPath becomes
     * newPath where it ends (see replace); none when there is no path to move.
     */
    private static LineChange move(String before, String oldPath, String newPath, boolean wholeValue) {
        if (oldPath == null || oldPath.isEmpty() || oldPath.equals(newPath)) {
            return LineChange.none();
        }
        String mention = before + inJson(oldPath);
        BytePattern find = new BytePattern(mention.getBytes(StandardCharsets.UTF_8));
        int keep = before.getBytes(StandardCharsets.UTF_8).length;
        byte[] to = inJson(newPath).getBytes(StandardCharsets.UTF_8);
        return LineChange.ofBytes(mention, (b, n) -> replace(b, n, find, keep, to, wholeValue));
    }

    /** text as it stands inside a JSON string (quotes, backslashes and control characters escaped). */
    private static String inJson(String text) {
        try {
            String quoted = Json.COMPACT.writeValueAsString(text);
            return quoted.substring(1, quoted.length() - 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The line with each find that ends where a path ends made its first keep bytes + to; null when
     * there is none. wholeValue: what follows must be the string's end or a '/'; otherwise anything
     * but a name character (any byte of a longer UTF-8 character is none).
     */
    private static byte[] replace(byte[] line, int n, BytePattern find, int keep, byte[] to, boolean wholeValue) {
        java.io.ByteArrayOutputStream out = null;
        int copied = 0;
        for (int at = find.in(line, 0, n); at >= 0; ) {
            int after = at + find.length();
            int next = after < n ? line[after] & 0xff : '"';
            boolean ends = wholeValue ? next == '"' || next == '/'
                    : !(next < 128 && (Character.isLetterOrDigit(next) || next == '_' || next == '.' || next == '-'));
            if (!ends) {
                at = find.in(line, at + 1, n);
                continue;
            }
            if (out == null) {
                out = new java.io.ByteArrayOutputStream(n + 64);
            }
            out.write(line, copied, at + keep - copied);
            out.writeBytes(to);
            copied = after;
            at = find.in(line, after, n);
        }
        if (out == null) {
            return null;
        }
        out.write(line, copied, n - copied);
        return out.toByteArray();
    }

    /** True when file a begins with all of file b's bytes. */
    static boolean startsWith(Path a, Path b) throws IOException {
        if (Files.size(a) < Files.size(b)) {
            return false;
        }
        try (InputStream ia = Files.newInputStream(a); InputStream ib = Files.newInputStream(b)) {
            byte[] ba = new byte[1 << 16];
            byte[] bb = new byte[1 << 16];
            while (true) {
                int n = ib.readNBytes(bb, 0, bb.length);
                if (n <= 0) {
                    return true;
                }
                if (ia.readNBytes(ba, 0, n) != n || !java.util.Arrays.equals(ba, 0, n, bb, 0, n)) {
                    return false;
                }
            }
        }
    }
}
