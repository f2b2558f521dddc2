package lib.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void aTeamsOwnTokenAssignedToAVariableNamedLikeASecretIsFound(@TempDir Path ws) throws IOException {
        // A guess from the variable's name (token = ...) covers the same characters as the team's
        // rule; the guess alone never keeps a file out, so it must not hide the rule's match.
        Files.writeString(ws.resolve(".gitleaks.toml"), """
                [[rules]]
                id = "acme-internal-token"
                regex = '''acme_[0-9]{4}-[0-9]{8}'''
                keywords = ["acme_"]
                """);
        RuleSet rules = UserRules.load(ws, ws.resolve("vault"));
        byte[] config = "deploy_token = \"acme_2026-12345678\"\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("acme-internal-token", SecretScan.kindIn(new ByteArrayInputStream(config), rules));
        assertEquals("acme-internal-token", SecretScan.kindIn(config, rules));
        assertNull(SecretScan.kindIn("deploy_token = \"hunter2hunter2\"\n".getBytes(StandardCharsets.US_ASCII), rules),
                "a guess alone keeps nothing out");
    }

    @Test
    void plainTextOfAnySizeHoldsNone() throws IOException {
        assertNull(scan(new byte[0]));
        assertNull(scan(fileOf(200, -1)));
        assertNull(scan(fileOf(MB, -1)));
        assertNull(scan(fileOf(2 * MB + 7, -1)));
    }
}
