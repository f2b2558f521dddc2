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
    void theWorkspacePathMovesWhereverALineNamesItAndOnlyWhereItEnds() throws Exception {
        String saved = String.join("\n",
                "{\"cwd\":\"/old/ws\",\"files\":{\"/old/ws/a.ts\":\"/old/ws/a.ts\"}}",
                "{\"t\":\"/old/ws-2 /old/ws.bak /old/ws_x /old/wsA /old/ws\\u002f /old/ws\\n /old/ws\\\" /old/ws\"}",
                "{ \"k\" : \"/old/ws\", \"u\":\"\\u00e9/old/ws/\u00e9\"}",
                "not json at all /old/ws/x",
                "");
        byte[] placed = place(saved.getBytes(StandardCharsets.UTF_8), Placement.movePaths("/old/ws", "/new/p\"q"));
        String[] in = saved.split("\n");
        String[] out = new String(placed, StandardCharsets.UTF_8).split("\n");
        assertEquals("not json at all /new/p\\\"q/x", out[3]);
        // Read as JSON, each line is its tree with the path moved in every string, keys included; the
        // new path is escaped where it stands.
        for (int i = 0; i < 3; i++) {
            assertEquals(moved(lib.base.Json.MAPPER.readTree(in[i])), lib.base.Json.MAPPER.readTree(out[i]), in[i]);
        }
        assertEquals("{\"cwd\":\"/new/p\\\"q\",\"files\":{\"/new/p\\\"q/a.ts\":\"/new/p\\\"q/a.ts\"}}", out[0], "bytes");
    }

    private static String moved(String text) {
        return text.replaceAll("/old/ws(?![\\w.-])", java.util.regex.Matcher.quoteReplacement("/new/p\"q"));
    }

    private static com.fasterxml.jackson.databind.JsonNode moved(com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isTextual()) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(moved(n.textValue()));
        }
        var o = lib.base.Json.MAPPER.createObjectNode();
        n.properties().forEach(e -> o.set(moved(e.getKey()), moved(e.getValue())));
        return n.isObject() ? o : n;
    }

    @Test
    void aFieldMovesOnlyWhereItHoldsTheWorkspaceOrAPathInIt() throws Exception {
        String saved = String.join("\n",
                "{\"type\":\"user\",\"cwd\":\"/old/ws\",\"text\":\"see /old/ws/a\"}",
                "{\"cwd\":\"/old/ws/sub\"}",
                "{\"cwd\":\"/old/ws-2\",\"x\":\"/old/ws\"}",
                "{\"cwd\":\"/elsewhere\"}",
                "");
        byte[] placed = place(saved.getBytes(StandardCharsets.UTF_8), Placement.moveField("cwd", "/old/ws", "/new"));
        assertEquals(String.join("\n",
                "{\"type\":\"user\",\"cwd\":\"/new\",\"text\":\"see /old/ws/a\"}",
                "{\"cwd\":\"/new/sub\"}",
                "{\"cwd\":\"/old/ws-2\",\"x\":\"/old/ws\"}",
                "{\"cwd\":\"/elsewhere\"}",
                ""), new String(placed, StandardCharsets.UTF_8));
    }

    @Test
    void aLongValueNamingThePathThousandsOfTimesIsMovedInOnePass() throws Exception {
        String many = "/old/ws/f ".repeat(50_000);
        byte[] saved = ("{\"out\":\"" + many + "\"}\n").getBytes(StandardCharsets.UTF_8);
        byte[] placed = place(saved, Placement.movePaths("/old/ws", "/n"));
        assertEquals("{\"out\":\"" + "/n/f ".repeat(50_000) + "\"}\n", new String(placed, StandardCharsets.UTF_8));
    }

    @Test
    void aMoveKeepsEveryOtherByteOfTheLineEvenInAChain() throws Exception {
        byte[] saved = bytes("{\"cwd\":\"/old/ws\",\"bad\":\"", new byte[] {(byte) 0xff}, "\"}\n", "{\"x\":\"/old/ws/a\"}\n");
        assertEquals(new String(bytes("{\"cwd\":\"/n\",\"bad\":\"", new byte[] {(byte) 0xff}, "\"}\n", "{\"x\":\"/n/a\"}\n"),
                StandardCharsets.ISO_8859_1), new String(place(saved, Placement.movePaths("/old/ws", "/n")), StandardCharsets.ISO_8859_1));
        // In a chain with a change of the text, a line the text change also mentions passes through both.
        LineChange chain = Placement.movePaths("/old/ws", "/n").then(LineChange.of("\"x\"", l -> l.replace("\"x\"", "\"y\"")));
        assertEquals("{\"y\":\"/n/a\"}\n{\"cwd\":\"/n\"}\n",
                new String(place(bytes("{\"x\":\"/old/ws/a\"}\n{\"cwd\":\"/old/ws\"}\n"), chain), StandardCharsets.UTF_8));
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
