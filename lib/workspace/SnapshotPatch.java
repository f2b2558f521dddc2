package lib.workspace;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lib.secrets.Redactor;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/** snapshot.patch: HEAD -> work tree as a diff for people to read, redacted as it streams. */
final class SnapshotPatch {
    private SnapshotPatch() {
    }

    static void write(Repository repo, Path file, ObjectId from, ObjectId to, Redactor redactor) throws IOException {
        try (OutputStream out = new RedactingOutputStream(Files.newOutputStream(file), redactor);
             DiffFormatter df = new DiffFormatter(out)) {
            df.setRepository(repo);
            // The patch is for reading; a file over 1 MB is named, not loaded into memory and printed.
            df.setBinaryFileThreshold((int) LargeFiles.MIN_BYTES);
            df.format(from, to);
            df.flush();
        }
    }

    /** Line-buffered filter so the patch is redacted as it streams; bytes pass through as Latin-1. */
    private static final class RedactingOutputStream extends OutputStream {
        private final OutputStream out;
        private final Redactor redactor;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        RedactingOutputStream(OutputStream out, Redactor redactor) {
            this.out = new BufferedOutputStream(out);
            this.redactor = redactor;
        }

        @Override
        public void write(int b) throws IOException {
            line.write(b);
            if (b == '\n') {
                flushLine();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i + 1 - start);
                    flushLine();
                    start = i + 1;
                }
            }
            line.write(b, start, off + len - start);
        }

        private void flushLine() throws IOException {
            String text = line.toString(StandardCharsets.ISO_8859_1);
            out.write(redactor.redact(text).getBytes(StandardCharsets.ISO_8859_1));
            line.reset();
        }

        @Override
        public void close() throws IOException {
            flushLine();
            out.close();
        }
    }
}
