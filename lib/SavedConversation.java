package lib;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * A session's transcript inside the vault. Up to 8 MB it is one conversation.jsonl, as DESIGN
 * lays out. A longer one is cut at line ends into conversation/NNNN.jsonl parts of about 2 MB:
 * a resumed agent session only appends, so a later save of it produces the same parts again,
 * git stores them once, and the vault grows by what is new instead of by the whole transcript.
 */
public final class SavedConversation {
    public static final String FILE = "conversation.jsonl";
    public static final String PARTS = "conversation";
    static final long SPLIT_ABOVE = 8L << 20;
    static final long PART_BYTES = 2L << 20;

    private SavedConversation() {
    }

    public static boolean exists(Path sessionDir) {
        return Files.isRegularFile(sessionDir.resolve(FILE)) || Files.isDirectory(sessionDir.resolve(PARTS));
    }

    /** Writes src (redacted) into sessionDir in whichever layout fits its size. */
    public static Transcript.Copied write(Path src, Path sessionDir, Redactor redactor) throws IOException {
        if (Files.size(src) <= SPLIT_ABOVE) {
            return Transcript.copyRedacted(src, sessionDir.resolve(FILE), redactor);
        }
        Files.createDirectories(sessionDir.resolve(PARTS));
        try (Parts sink = new Parts(sessionDir.resolve(PARTS), PART_BYTES)) {
            return Transcript.copyRedacted(src, sink::line, redactor);
        }
    }

    /** The saved lines in order, whichever layout they were written in. */
    public static BufferedReader open(Path sessionDir) throws IOException {
        Path single = sessionDir.resolve(FILE);
        if (Files.isRegularFile(single)) {
            return Files.newBufferedReader(single, StandardCharsets.UTF_8);
        }
        List<Path> parts;
        try (Stream<Path> s = Files.list(sessionDir.resolve(PARTS))) {
            parts = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        List<InputStream> streams = new ArrayList<>();
        for (Path p : parts) {
            streams.add(Files.newInputStream(p));
        }
        return new BufferedReader(new InputStreamReader(
                new SequenceInputStream(Collections.enumeration(streams)), StandardCharsets.UTF_8), 1 << 16);
    }

    /** Writes lines to numbered parts of about partBytes each, cut at line ends. */
    private static final class Parts implements AutoCloseable {
        private final Path dir;
        private final long partBytes;
        private BufferedWriter out;
        private long written;
        private int part;

        Parts(Path dir, long partBytes) {
            this.dir = dir;
            this.partBytes = partBytes;
        }

        void line(String line) throws IOException {
            if (out == null || written >= partBytes) {
                if (out != null) {
                    out.close();
                }
                out = Files.newBufferedWriter(dir.resolve(String.format("%04d.jsonl", part++)), StandardCharsets.UTF_8);
                written = 0;
            }
            out.write(line);
            out.write('\n');
            written += line.length() + 1;
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }
}
