package lib.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lib.base.Json;
import lib.base.Preload;

/**
 * A session's folder in the vault, and the only place that knows its file names:
 * <pre>
 * metadata.json        SessionMetadata
 * conversation.jsonl   the agent's transcript, redacted (or conversation/NNNN.jsonl parts)
 * subagents/           its sub-agent transcripts
 * snapshot.patch       HEAD -> work tree, for people (redacted)
 * workspace.bundle     unpushed commits, index commit, work-tree snapshot commit
 * files/&lt;blob id&gt;     changed files of 1 MB or more, beside the bundle
 * wip-branch           the wip branch pushed to the workspace's origin, if any
 * </pre>
 * A transcript over 8 MB is cut at line ends into parts of about 2 MB: an agent session only
 * appends, so a later save of it produces the same parts again, git stores them once, and the
 * vault grows by what is new instead of by the whole transcript.
 */
public final class SessionFolder {
    /** The metadata file's name: the vault's list of sessions holds a copy of it per session. */
    public static final String METADATA = "metadata.json";
    private static final String CONVERSATION = "conversation.jsonl";
    private static final String PARTS = "conversation";
    private static final String SUBAGENTS = "subagents";
    private static final String PATCH = "snapshot.patch";
    private static final String BUNDLE = "workspace.bundle";
    private static final String LARGE_FILES = "files";
    private static final String WIP_BRANCH = "wip-branch";
    static final long SPLIT_ABOVE = 8L << 20;
    static final long PART_BYTES = 2L << 20;

    private final Path dir;

    private SessionFolder(Path dir) {
        this.dir = dir;
    }

    public static SessionFolder at(Path dir) {
        return new SessionFolder(dir);
    }

    public Path dir() {
        return dir;
    }

    public String id() {
        return dir.getFileName().toString();
    }

    public boolean isComplete() {
        return Files.isRegularFile(dir.resolve(METADATA));
    }

    /** warmUp on the other core (see Preload). */
    public static void warmUpInBackground() {
        Preload.inBackground(SessionFolder::warmUp);
    }

    /**
     * Builds Jackson's reader and writer of metadata.json, and reads one the way load() does (see
     * Preload): the first session read or written finds them ready.
     */
    public static void warmUp() {
        Json.COMPACT.readerFor(SessionMetadata.class);
        try { // from bytes, as from a file: a String would take Jackson's other parser
            byte[] small = "{\"agent\":{}}".getBytes(StandardCharsets.UTF_8);
            Json.COMPACT.treeToValue(Json.COMPACT.readTree(new java.io.ByteArrayInputStream(small)), SessionMetadata.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Json.MAPPER.writerFor(SessionMetadata.class);
    }

    /** The session with its metadata, or with the reason the metadata cannot be read. */
    public Session load() {
        try {
            var tree = Json.COMPACT.readTree(dir.resolve(METADATA).toFile());
            if (tree == null || !tree.isObject()) {
                return new Session(id(), this, null, "metadata.json is not a JSON object");
            }
            return new Session(id(), this, Json.COMPACT.treeToValue(tree, SessionMetadata.class), null);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return new Session(id(), this, null, "metadata.json is missing");
        } catch (IOException | RuntimeException e) {
            return new Session(id(), this, null, "metadata.json is unreadable");
        }
    }

    public void writeMetadata(SessionMetadata meta) throws IOException {
        Files.writeString(dir.resolve(METADATA), Json.MAPPER.writeValueAsString(meta) + "\n");
    }

    /**
     * Gives metadata.json a new description and keeps every other key as it is, those this release
     * does not know included (a later release's, read here as unknown and so not in SessionMetadata).
     */
    public void writeDescription(String description) throws IOException {
        Path file = dir.resolve(METADATA);
        if (!(Json.COMPACT.readTree(file.toFile()) instanceof ObjectNode tree)) {
            throw new IOException(METADATA + " is not a JSON object");
        }
        tree.put(SessionMetadata.DESCRIPTION_KEY, description);
        Files.writeString(file, Json.MAPPER.writeValueAsString(tree) + "\n");
    }

    public Path bundle() {
        return dir.resolve(BUNDLE);
    }

    public boolean hasBundle() {
        return Files.isRegularFile(bundle());
    }

    public Path patch() {
        return dir.resolve(PATCH);
    }

    public Path subagentsDir() {
        return dir.resolve(SUBAGENTS);
    }

    public Path largeFilesDir() {
        return dir.resolve(LARGE_FILES);
    }

    public Path wipBranchFile() {
        return dir.resolve(WIP_BRANCH);
    }

    public boolean hasConversation() {
        return Files.isRegularFile(dir.resolve(CONVERSATION)) || Files.isDirectory(dir.resolve(PARTS));
    }

    /** The saved transcript's bytes in order, whichever layout they were written in. */
    public InputStream openConversationBytes() throws IOException {
        Path single = dir.resolve(CONVERSATION);
        if (Files.isRegularFile(single)) {
            return Files.newInputStream(single);
        }
        List<Path> parts;
        try (Stream<Path> s = Files.list(dir.resolve(PARTS))) {
            parts = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
        List<InputStream> streams = new ArrayList<>();
        for (Path p : parts) {
            streams.add(Files.newInputStream(p));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    /** The saved transcript as text lines. */
    public BufferedReader openConversation() throws IOException {
        return new BufferedReader(new InputStreamReader(openConversationBytes(), StandardCharsets.UTF_8), 1 << 16);
    }

    /** Where a transcript of sourceBytes is written: one file, or parts when it is long. */
    public LineSink conversationWriter(long sourceBytes) throws IOException {
        if (sourceBytes <= SPLIT_ABOVE) {
            return LineSink.toFile(dir.resolve(CONVERSATION));
        }
        return new Parts(Files.createDirectories(dir.resolve(PARTS)));
    }

    /** The files the agent's transcript was copied into: the conversation (or its parts) and the sub-agents'. */
    public List<Path> conversationFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String name : List.of(CONVERSATION, PARTS, SUBAGENTS)) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                out.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> all = Files.walk(p)) {
                    all.filter(Files::isRegularFile).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    /**
     * True for a part of a long conversation. Parts are cut from its start, so once one differs
     * from the last save's, every later part does too.
     */
    public static boolean isPart(Path file) {
        Path parent = file.getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals(PARTS);
    }

    /** The size of every file in the folder: what the session stores (its list entry says so, for prune). */
    public long bytes() throws IOException {
        return files().stream().mapToLong(Map.Entry::getValue).sum();
    }

    /** Every file in the folder with its size, in path order. */
    public List<Map.Entry<String, Long>> files() throws IOException {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                if (Files.isRegularFile(p)) {
                    out.add(Map.entry(dir.relativize(p).toString(), Files.size(p)));
                }
            }
        }
        return out;
    }

    /** Numbered parts of about PART_BYTES each, cut at line ends. */
    private static final class Parts implements LineSink {
        private final Path dir;
        private OutputStream out;
        private long written;
        private int part;
        private boolean midLine;

        Parts(Path dir) {
            this.dir = dir;
        }

        @Override
        public void write(byte[] b, int off, int len, boolean newline) throws IOException {
            if (out == null || (written >= PART_BYTES && !midLine)) {
                if (out != null) {
                    out.close();
                }
                out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(String.format("%04d.jsonl", part++))), 1 << 16);
                written = 0;
            }
            out.write(b, off, len);
            if (newline) {
                out.write('\n');
            }
            written += len + 1;
            midLine = !newline;
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }
}
