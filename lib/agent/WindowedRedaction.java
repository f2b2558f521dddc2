package lib.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import lib.secrets.Redactor;
import lib.session.LineSink;

/**
 * Redacts a line too long to hold (a tool result of hundreds of megabytes) as raw text, window by
 * window. Each window ends where no secret can straddle it; the rest carries over. Replacements
 * hold no quote or backslash, so a JSON line stays JSON.
 */
final class WindowedRedaction {
    private static final int WINDOW = 2 << 20;
    private static final int OVERLAP = 64 << 10;

    private WindowedRedaction() {
    }

    static void copy(Lines lines, LineSink sink, Redactor redactor) throws IOException {
        String carry = new String(lines.bytes(), 0, lines.length(), StandardCharsets.ISO_8859_1);
        byte[] piece = new byte[WINDOW];
        while (true) {
            int n = lines.piece(piece, WINDOW);
            boolean last = n < 0;
            String text = last ? carry : carry + new String(piece, 0, n, StandardCharsets.ISO_8859_1);
            int cut = last ? text.length() : redactor.safeCut(text, Math.max(0, text.length() - OVERLAP));
            byte[] out = redactor.redact(text.substring(0, cut)).getBytes(StandardCharsets.ISO_8859_1);
            sink.write(out, 0, out.length, last && lines.endedWithNewline());
            if (last) {
                return;
            }
            carry = text.substring(cut);
        }
    }
}
