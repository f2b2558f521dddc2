package lib.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lib.agent.JsonlCopy;
import lib.secrets.Redactor;
import org.junit.jupiter.api.Test;
import support.FixtureTest;
import support.Repos;

class SessionFolderTest extends FixtureTest {
    /** Writes src into a session folder as a save does (no secrets here, so byte for byte). */
    private static JsonlCopy.Result write(Path src, Path dir) throws Exception {
        try (LineSink sink = SessionFolder.at(dir).conversationWriter(Files.size(src))) {
            return JsonlCopy.copy(src, sink, new Redactor(), line -> line.contains("\"type\":\"user\""));
        }
    }

    private void append(Path f, int from, int count) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(f, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = from; i < from + count; i++) {
                w.write("{\"type\":\"user\",\"uuid\":\"u" + i + "\",\"message\":{\"role\":\"user\",\"content\":\"line " + i
                        + " " + "lorem ipsum ".repeat(80) + "\"}}\n");
            }
        }
    }

    private List<String> parts(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("conversation"))) {
            return s.map(p -> p.getFileName() + " " + Repos.sha256(read(p))).sorted().toList();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSmallTranscriptIsOneFile() throws Exception {
        Path src = fx.root.resolve("t.jsonl");
        append(src, 0, 10);
        Path dir = fx.dir("s");
        write(src, dir);
        assertEquals(Files.readAllLines(src), Files.readAllLines(dir.resolve("conversation.jsonl")));
        assertFalse(Files.exists(dir.resolve("conversation")));
    }

    @Test
    void aLongTranscriptIsSplitAndReadsBackWhole() throws Exception {
        Path src = fx.root.resolve("t.jsonl");
        append(src, 0, 10_000); // ~10 MB
        Path dir = fx.dir("s");
        JsonlCopy.Result c = write(src, dir);
        assertEquals(10_000, c.messages());
        assertTrue(parts(dir).size() >= 4, parts(dir).toString());
        try (var r = SessionFolder.at(dir).openConversation()) {
            assertEquals(Files.readAllLines(src), r.lines().toList());
        }
    }

    @Test
    void aLaterSaveOfTheSameSessionRewritesOnlyTheTail() throws Exception {
        Path src = fx.root.resolve("t.jsonl");
        append(src, 0, 10_000);
        Path first = fx.dir("first");
        write(src, first);
        append(src, 10_000, 1_000); // the session went on
        Path second = fx.dir("second");
        write(src, second);
        List<String> a = parts(first);
        List<String> b = parts(second);
        assertEquals(a.subList(0, a.size() - 1), b.subList(0, a.size() - 1), "all but the last part are identical");
    }
}
