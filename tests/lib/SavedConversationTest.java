package lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import support.FixtureTest;
import support.Repos;

class SavedConversationTest extends FixtureTest {
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
        try (Stream<Path> s = Files.list(dir.resolve(SavedConversation.PARTS))) {
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
        SavedConversation.write(src, dir, new Redactor());
        assertEquals(Files.readAllLines(src), Files.readAllLines(dir.resolve(SavedConversation.FILE)));
        assertFalse(Files.exists(dir.resolve(SavedConversation.PARTS)));
    }

    @Test
    void aLongTranscriptIsSplitAndReadsBackWhole() throws Exception {
        Path src = fx.root.resolve("t.jsonl");
        append(src, 0, 10_000); // ~10 MB
        Path dir = fx.dir("s");
        Transcript.Copied c = SavedConversation.write(src, dir, new Redactor());
        assertEquals(10_000, c.messages());
        assertTrue(parts(dir).size() >= 4, parts(dir).toString());
        try (var r = SavedConversation.open(dir)) {
            assertEquals(Files.readAllLines(src), r.lines().toList());
        }
    }

    @Test
    void aLaterSaveOfTheSameSessionRewritesOnlyTheTail() throws Exception {
        Path src = fx.root.resolve("t.jsonl");
        append(src, 0, 10_000);
        Path first = fx.dir("first");
        SavedConversation.write(src, first, new Redactor());
        append(src, 10_000, 1_000); // the session went on
        Path second = fx.dir("second");
        SavedConversation.write(src, second, new Redactor());
        List<String> a = parts(first);
        List<String> b = parts(second);
        assertEquals(a.subList(0, a.size() - 1), b.subList(0, a.size() - 1), "all but the last part are identical");
    }
}
