package lib.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretScanTest {
    private static final String TOKEN = RedactorTest.SAMPLES.get("github_token");
    private static final int MB = 1 << 20;

    /** size bytes of plain text with the token starting at offset (none when offset is negative). */
    private static byte[] fileOf(int size, int offset) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        for (int i = 63; i < size; i += 64) {
            b[i] = '\n';
        }
        if (offset >= 0) {
            byte[] t = (" " + TOKEN + " ").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(t, 0, b, offset, t.length);
        }
        return b;
    }

    private static String scan(byte[] file) throws IOException {
        return SecretScan.kindIn(new ByteArrayInputStream(file), RuleSet.builtIn());
    }

    @Test
    void aTokenIsFoundWhereverItSitsInAFileOfAnySize() throws IOException {
        assertEquals("github_token", scan(fileOf(300, 100)));
        assertEquals("github_token", scan(fileOf(3 * MB + 5, 3 * MB - 60)), "in the last chunk");
        assertEquals("github_token", scan(fileOf(2 * MB + 100, MB - 10)), "across the first chunk's end");
        assertEquals("github_token", scan(fileOf(3 * MB, 2 * MB - 20)), "across the second chunk's end");
        assertEquals("github_token", scan(fileOf(MB, MB - 60)), "at the end of a file of exactly one chunk");
    }

    @Test
    void plainTextOfAnySizeHoldsNone() throws IOException {
        assertNull(scan(new byte[0]));
        assertNull(scan(fileOf(200, -1)));
        assertNull(scan(fileOf(MB, -1)));
        assertNull(scan(fileOf(2 * MB + 7, -1)));
    }
}
