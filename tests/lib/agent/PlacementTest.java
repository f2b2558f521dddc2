package lib.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lib.term.Console;
import org.junit.jupiter.api.Test;
import support.FixtureTest;

class PlacementTest extends FixtureTest {
    private byte[] place(byte[] saved, LineChange change) throws Exception {
        Path dest = fx.root.resolve("projects/p/t.jsonl");
        Files.deleteIfExists(dest);
        Placement.place(new ByteArrayInputStream(saved), dest, change, Console.silent());
        return Files.readAllBytes(dest);
    }

    private static byte[] bytes(Object... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.write(p instanceof byte[] b ? b : ((String) p).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void linesThatDoNotNameTheOldWorkspaceKeepTheirBytesExactly() throws Exception {
        byte[] invalid = {'{', '"', 'x', '"', ':', '"', (byte) 0xff, '"', '}', '\n'}; // 0xff is never UTF-8
        byte[] saved = bytes("{\"a\":\"caf\u00e9\"}\r\n", invalid, "{\"cwd\":\"/old/ws\",\"t\":\"in /old/ws/src\"}\n",
                "{\"last\":\"no newline\"}");
        byte[] placed = place(saved, Placement.movePaths("/old/ws", "/new/place"));
        byte[] expected = bytes("{\"a\":\"caf\u00e9\"}\r\n", invalid, "{\"cwd\":\"/new/place\",\"t\":\"in /new/place/src\"}\n",
                "{\"last\":\"no newline\"}");
        assertEquals(new String(expected, StandardCharsets.ISO_8859_1), new String(placed, StandardCharsets.ISO_8859_1));
    }

    @Test
    void withNothingToChangeTheTranscriptIsCopiedAsItIs() throws Exception {
        byte[] saved = bytes("{\"cwd\":\"/same\"}\r\n", new byte[] {(byte) 0xc3, '\n'}, "tail");
        assertArrayEquals(saved, place(saved, Placement.movePaths("/same", "/same")));
        assertArrayEquals(saved, place(saved, LineChange.none()));
    }

    @Test
    void changesApplyOneAfterAnotherAndOnlyToTheLinesTheyMention() throws Exception {
        LineChange change = LineChange.of("one", l -> l.replace("one", "two"))
                .then(LineChange.of("two", l -> l.replace("two", "three")));
        assertEquals("three\nthree\nfour\n", new String(place(bytes("one\ntwo\nfour\n"), change), StandardCharsets.UTF_8));
        // A line goes through a chain when it mentions any part of it, but each part only changes what it mentions.
        LineChange apart = LineChange.of("a", l -> l + "1").then(LineChange.of("b", l -> l + "2"));
        assertEquals("xa1\nxb2\nxab12\n", new String(place(bytes("xa\nxb\nxab\n"), apart), StandardCharsets.UTF_8));
    }
}
