package lib.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

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
        byte[] kept = new byte[0];
        while (true) {
            // Only as much memory as the file has, up to a chunk: most changed files are small, and
            // a save scans hundreds of them.
            byte[] chunk = in.readNBytes(CHUNK);
            if (chunk.length == 0) {
                return null;
            }
            byte[] text = kept.length == 0 ? chunk : concat(kept, chunk);
            String kind = redactor.strongKind(text);
            if (kind != null) {
                return kind;
            }
            if (chunk.length < CHUNK) {
                return null;
            }
            kept = Arrays.copyOfRange(text, Math.max(0, text.length - OVERLAP), text.length);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public static String kindIn(byte[] bytes, RuleSet rules) {
        return new Redactor(rules).strongKind(bytes);
    }
}
