package lib.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.secrets.Redactor;
import lib.session.LineSink;
import org.junit.jupiter.api.Test;
import support.Cli;
import support.Fixture;
import support.FixtureTest;
import support.Transcripts;

class JsonlCopyTest extends FixtureTest {
    static final String KEY = "AKIA" + "Z".repeat(16);

    private JsonlCopy.Result copy(byte[] in, Path out) throws Exception {
        Path src = fx.root.resolve("src.jsonl");
        Files.write(src, in);
        try (LineSink sink = LineSink.toFile(out)) {
            return JsonlCopy.copy(src, sink, new Redactor(), line -> true);
        }
    }

    @Test
    void anInvalidByteKeepsTheLineAndTheRestOfTheTranscript() throws Exception {
        byte[] bad = "{\"type\":\"user\",\"x\":\"\u00ff\"}\n".getBytes(StandardCharsets.ISO_8859_1); // 0xff: never UTF-8
        byte[] good = ("{\"type\":\"user\",\"message\":{\"content\":\"key " + KEY + "\"}}\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, all, 0, bad.length);
        System.arraycopy(good, 0, all, bad.length, good.length);
        Path out = fx.root.resolve("out.jsonl");
        JsonlCopy.Result r = copy(all, out);
        assertEquals(2, r.lines());
        assertEquals(1, r.invalidLines());
        byte[] saved = Files.readAllBytes(out);
        assertEquals(0xff, saved[bad.length - 4] & 0xff, "the odd byte is kept as it was");
        assertFalse(new String(saved, StandardCharsets.ISO_8859_1).contains(KEY));
    }

    @Test
    void aLineOfSixtyFourMegabytesIsRedactedInASmallHeap() throws Exception {
        Path ws = fx.dir("ws");
        String agent = "61616161-6161-4161-8161-616161616161";
        Path t = Transcripts.write(fx.claude(), ws, agent, "run the build");
        String filler = "x".repeat(1 << 20);
        try (BufferedWriter w = Files.newBufferedWriter(t, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
            w.write("{\"type\":\"user\",\"toolUseResult\":{\"stdout\":\"");
            for (int i = 0; i < 64; i++) {
                w.write(filler);
                if (i % 16 == 0) {
                    w.write(" " + KEY + " ");
                }
            }
            w.write("\"}}\n");
        }
        ProcessBuilder pb = Cli.javaProcess(fx, ws, List.of("-Xmx96m"), "save", "--session", agent);
        Fixture.Result r = Cli.run(pb.command(), pb.environment(), ws, 180);
        assertEquals(0, r.code(), r.all());
        Path saved = fx.vault().resolve("sessions").resolve(r.sessionId());
        Path conv = Files.isDirectory(saved.resolve("conversation")) ? saved.resolve("conversation") : saved.resolve("conversation.jsonl");
        String text = Files.isDirectory(conv)
                ? String.join("", Files.list(conv).sorted().map(p -> read(p)).toList()) : read(conv);
        assertFalse(text.contains(KEY), "redacted all along the line");
        assertTrue(text.contains("[REDACTED:aws_access_key]"));
        String last = text.substring(text.lastIndexOf("{\"type\":\"user\",\"toolUseResult\""));
        assertTrue(last.endsWith("\"}}\n"), "still one line, still closed");
        assertEquals(64L * filler.length(), last.chars().filter(c -> c == 'x').count(), "nothing else changed");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
