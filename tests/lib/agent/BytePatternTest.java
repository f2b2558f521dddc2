package lib.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytePatternTest {
    /** The plain search the skip table must agree with. */
    private static int naive(byte[] b, int from, int to, byte[] m) {
        outer:
        for (int i = from; i + m.length <= to; i++) {
            for (int j = 0; j < m.length; j++) {
                if (b[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsTheFirstPlaceOnlyWhollyInsideTheRange() {
        BytePattern p = new BytePattern(utf8("\"cwd\":\"/ws"));
        byte[] line = utf8("{\"cwd\":\"/ws\",\"x\":\"\\\"cwd\\\":\",\"cwd\":\"/ws-2\"}");
        assertEquals(1, p.in(line, 0, line.length));
        assertEquals(28, p.in(line, 2, line.length));
        assertEquals(-1, p.in(line, 2, 37)); // its last byte would be the 38th
        assertEquals(-1, p.in(line, 0, 10));
        assertEquals(-1, new BytePattern(utf8("ab")).in(utf8("a"), 0, 1));
    }

    @Test
    void bytesAboveAsciiAndRepeatsInThePatternAreFound() {
        byte[] m = utf8("/home/zoë/zoë");
        byte[] line = utf8("{\"p\":\"/home/zoë/zo/home/zoë/zoë/x\"}");
        assertEquals(naive(line, 0, line.length, m), new BytePattern(m).in(line, 0, line.length));
        assertThrows(IllegalArgumentException.class, () -> new BytePattern(new byte[0]));
    }

    @Test
    void agreesWithAPlainSearchOnRandomLines() {
        Random r = new Random(7);
        for (int round = 0; round < 5_000; round++) {
            byte[] m = new byte[1 + r.nextInt(6)];
            byte[] line = new byte[r.nextInt(80)];
            // a small alphabet, so that near misses and overlaps are common
            for (int i = 0; i < m.length; i++) {
                m[i] = (byte) (r.nextBoolean() ? 'a' + r.nextInt(3) : 0xc3);
            }
            for (int i = 0; i < line.length; i++) {
                line[i] = (byte) (r.nextBoolean() ? 'a' + r.nextInt(3) : 0xc3);
            }
            int from = line.length == 0 ? 0 : r.nextInt(line.length);
            int to = from + r.nextInt(line.length - from + 1);
            assertEquals(naive(line, from, to, m), new BytePattern(m).in(line, from, to),
                    () -> "pattern " + new String(m, StandardCharsets.ISO_8859_1) + " in " + new String(line, StandardCharsets.ISO_8859_1));
        }
    }
}
