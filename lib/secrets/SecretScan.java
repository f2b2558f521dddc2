package lib.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Looks inside file content for an unmistakable key or token (see Redactor.strongKind).
 * One scanner for every file that could enter the vault byte for byte: changed and untracked
 * files, staged blobs, blobs of unpushed commits. Any size, in bounded memory.
 */
public final class SecretScan {
    private static final int CHUNK = 1 << 20;
    // A token split across two chunks is still seen whole: every token shape is shorter than this.
    private static final int OVERLAP = 8 << 10;

    private SecretScan() {
    }

    /** The kind of the first secret in the stream, or null. Bytes are read as Latin-1: any byte is a char. */
    public static String kindIn(InputStream in, RuleSet rules) throws IOException {
        Redactor redactor = new Redactor(rules);
        byte[] buf = new byte[CHUNK + OVERLAP];
        int kept = 0;
        while (true) {
            int n = in.readNBytes(buf, kept, CHUNK);
            if (n <= 0) {
                return null;
            }
            int len = kept + n;
            String kind = redactor.strongKind(new String(buf, 0, len, StandardCharsets.ISO_8859_1));
            if (kind != null) {
                return kind;
            }
            if (n < CHUNK) {
                return null;
            }
            kept = Math.min(OVERLAP, len);
            System.arraycopy(buf, len - kept, buf, 0, kept);
        }
    }

    public static String kindIn(byte[] bytes, RuleSet rules) {
        return new Redactor(rules).strongKind(new String(bytes, StandardCharsets.ISO_8859_1));
    }
}
