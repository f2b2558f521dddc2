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
        byte[][] mentions = change.mentions().stream().map(m -> m.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
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

    private static void copyLines(InputStream in, OutputStream out, byte[][] mentions, LineChange change) throws IOException {
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
                String line = new String(b, 0, n, StandardCharsets.UTF_8);
                String changed = change.change().apply(line);
                if (changed.equals(line)) {
                    out.write(b, 0, n);
                } else {
                    out.write(changed.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                out.write(b, 0, n);
            }
            if (lines.endedWithNewline()) {
                out.write('\n');
            }
        }
    }

    private static boolean mentionsAny(byte[] b, int n, byte[][] mentions) {
        for (byte[] m : mentions) {
            if (indexOf(b, n, m) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] b, int n, byte[] m) {
        outer:
        for (int i = 0; i + m.length <= n; i++) {
            for (int j = 0; j < m.length; j++) {
                if (b[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * A line rewriter for transcripts that name the workspace in many places (prompts, context
     * blocks, cwd fields): in every JSON string value, the saved workspace path (alone or followed
     * by a path separator or a non-name character) becomes the target. Lines that do not mention
     * it are left as they are; a line that is not JSON is left as it is.
     */
    public static LineChange movePaths(String oldPath, String newPath) {
        if (oldPath == null || oldPath.isEmpty() || oldPath.equals(newPath)) {
            return LineChange.none();
        }
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(oldPath) + "(?![\\w.-])");
        String replacement = java.util.regex.Matcher.quoteReplacement(newPath);
        return LineChange.of(oldPath, line -> { // only lines that mention oldPath come here
            try {
                var tree = lib.base.Json.COMPACT.readTree(line);
                var moved = move(tree, p, replacement);
                return lib.base.Json.COMPACT.writeValueAsString(moved);
            } catch (IOException e) {
                return line;
            }
        });
    }

    private static com.fasterxml.jackson.databind.JsonNode move(com.fasterxml.jackson.databind.JsonNode n,
                                                               java.util.regex.Pattern p, String replacement) {
        if (n.isTextual()) {
            String t = n.textValue();
            String r = p.matcher(t).replaceAll(replacement);
            return r.equals(t) ? n : com.fasterxml.jackson.databind.node.TextNode.valueOf(r);
        }
        if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            for (var e : o.properties()) {
                e.setValue(move(e.getValue(), p, replacement));
            }
        } else if (n instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, move(a.get(i), p, replacement));
            }
        }
        return n;
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
