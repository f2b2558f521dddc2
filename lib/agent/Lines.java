package lib.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream at '\n' without decoding it. A line up to JsonlCopy.MAX_LINE is handed
 * over whole; a longer one is handed over in pieces (see WindowedRedaction), so memory stays
 * bounded whatever a transcript holds.
 */
final class Lines {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private boolean eof;
    private byte[] line = new byte[1 << 12];
    private int len;
    private boolean newline;
    private boolean tooLong;

    Lines(InputStream in) {
        this.in = in;
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        len = 0;
        newline = false;
        tooLong = false;
        while (true) {
            if (pos == end && !fill()) {
                return len > 0;
            }
            int nl = indexOf(buf, pos, end);
            int stop = nl < 0 ? end : nl;
            if (len + (stop - pos) > JsonlCopy.MAX_LINE) {
                tooLong = true; // the caller streams the rest with piece()
                int take = JsonlCopy.MAX_LINE - len;
                append(buf, pos, take);
                pos += take;
                return true;
            }
            append(buf, pos, stop - pos);
            pos = stop;
            if (nl >= 0) {
                pos++;
                newline = true;
                return true;
            }
        }
    }

    /**
     * For a line that is too long: the next piece of it (up to max bytes) into dest, returning its
     * length, or -1 when the line has ended (newline tells whether it ended with '\n').
     */
    int piece(byte[] dest, int max) throws IOException {
        if (newline || (pos == end && !fill())) {
            return -1;
        }
        int nl = indexOf(buf, pos, end);
        int stop = nl < 0 ? end : nl;
        int n = Math.min(max, stop - pos);
        System.arraycopy(buf, pos, dest, 0, n);
        pos += n;
        if (pos == nl) {
            pos++;
            newline = true;
        }
        return n;
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return len;
    }

    boolean endedWithNewline() {
        return newline;
    }

    boolean tooLong() {
        return tooLong;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            pos = end = 0;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    private void append(byte[] b, int off, int n) {
        if (len + n > line.length) {
            line = Arrays.copyOf(line, Math.max(len + n, line.length * 2));
        }
        System.arraycopy(b, off, line, len, n);
        len += n;
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
