package lib.agent.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import lib.agent.TranscriptView;
import org.junit.jupiter.api.Test;
import support.AgentFiles;
import support.FixtureTest;

class GeminiCliTest extends FixtureTest {
    static final String ID = "f46010e1-0d46-40dc-93f8-eda783f82d70";
    static final String HEAD = "{\"sessionId\":\"" + ID + "\",\"projectHash\":\"x\",\"startTime\":\"2026-11-26T04:05:52.477Z\",\"kind\":\"main\"}";
    static final String CONTEXT = "{\"id\":\"c\",\"type\":\"user\",\"content\":[{\"text\":\"<session_context>\\nlinux\\n</session_context>\"}]}";
    static final String PROMPT = "{\"id\":\"u1\",\"type\":\"user\",\"content\":[{\"text\":\"please refactor a.txt\"}]}";
    static final String REPLY = "{\"id\":\"g1\",\"type\":\"gemini\",\"content\":[{\"text\":\"Refactored a.txt.\"}]}";

    private static TranscriptView.Summary summary(String... lines) throws Exception {
        return new GeminiTranscriptView().summarize(new BufferedReader(new StringReader(String.join("\n", lines))));
    }

    @Test
    void aChatRewrittenWhenResumedCountsEachMessageOnce() throws Exception {
        // Resuming, Gemini writes the whole message list again in one $set record.
        var s = summary(HEAD, "{\"$set\":{\"messages\":[" + CONTEXT + "]}}", PROMPT, REPLY,
                "{\"$set\":{\"messages\":[" + CONTEXT + "," + PROMPT + "," + REPLY + "]}}");
        assertEquals(1, s.byType().get("gemini"));
        assertEquals(2, s.byType().get("user"));
        assertEquals("please refactor a.txt", s.firstPrompt());
        assertEquals("Refactored a.txt.", s.lastReply());
    }

    @Test
    void aRewindDropsTheMessagesFromItsId() throws Exception {
        var s = summary(HEAD, PROMPT, REPLY, "{\"$rewindTo\":\"g1\"}");
        assertEquals(null, s.byType().get("gemini"));
        assertEquals(null, s.lastReply());
    }

    @Test
    void theChatWithTurnsIsSavedNotTheNewerFileHoldingOnlyTheSessionContext() throws Exception {
        Path ws = fx.project();
        Path chat = AgentFiles.geminiChat(fx.home, ws, ID, "make the parser faster");
        Path started = chat.resolveSibling("session-2026-11-26T04-05-" + ID.substring(0, 8) + ".jsonl");
        Files.write(started, List.of(HEAD, "{\"$set\":{\"messages\":[" + CONTEXT + "]}}"));
        Files.setLastModifiedTime(chat, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(started, FileTime.fromMillis(2_000_000));
        GeminiCli gemini = new GeminiCli(fx.env(ws));
        assertFalse(GeminiTranscriptView.hasTurns(started));
        assertTrue(GeminiTranscriptView.hasTurns(chat));
        assertEquals(chat, gemini.find(ws, null).orElseThrow().transcript());
        assertEquals(chat, gemini.find(ws, ID).orElseThrow().transcript());

        Files.delete(chat);
        assertEquals(started, gemini.find(ws, ID).orElseThrow().transcript(), "with nothing better, the context-only chat");
    }
}
