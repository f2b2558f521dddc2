package lib.agent.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import lib.agent.TranscriptView;
import lib.agent.TranscriptView.Tally;
import lib.term.Text;

/**
 * A Gemini CLI chat for people. After its first line (the session's metadata) come messages,
 * either one per line ({type: user|gemini|info|error, content: [{text}], toolCalls}) or in
 * {"$set": {"messages": [...]}} records; other $set records only update metadata.
 */
final class GeminiTranscriptView implements TranscriptView {
    @Override
    public Summary summarize(BufferedReader transcript) throws IOException {
        Tally tally = new Tally();
        forEachMessage(transcript, tally, m -> {
            String type = m.path("type").asText("other");
            tally.type(type);
            String text = text(m);
            if (type.equals("user") && isPrompt(text)) {
                tally.prompt(text);
            } else if (type.equals("gemini") && !text.isBlank()) {
                tally.reply(text);
            }
            for (JsonNode t : m.path("toolCalls")) {
                tally.tool(t.path("name").asText("?"));
            }
        });
        return tally.summary();
    }

    @Override
    public void render(BufferedReader transcript, PrintWriter out) throws IOException {
        forEachMessage(transcript, new Tally(), m -> {
            String type = m.path("type").asText();
            String text = text(m);
            String when = m.path("timestamp").isTextual() ? " · " + m.path("timestamp").asText() : "";
            if ((type.equals("user") && isPrompt(text)) || (type.equals("gemini") && !text.isBlank())) {
                out.println("── " + (type.equals("gemini") ? "assistant" : "user") + when);
                out.println(Text.safeLines(text.strip()));
            }
            for (JsonNode t : m.path("toolCalls")) {
                out.println("  → " + Text.safe(t.path("name").asText("tool")) + ": " + Text.oneLine(t.path("args").toString(), 120));
            }
            if (type.equals("user") && isPrompt(text) || type.equals("gemini")) {
                out.println();
            }
        });
    }

    /**
     * The chat's messages as Gemini loads them: a message line adds or replaces the message with
     * its id, a {"$set": {"messages": [...]}} record replaces them all (Gemini rewrites the whole
     * list when it resumes a chat), {"$rewindTo": id} drops that message and the ones after it.
     */
    private static void forEachMessage(BufferedReader transcript, Tally tally, Consumer<JsonNode> visit) throws IOException {
        Map<String, JsonNode> messages = new LinkedHashMap<>();
        TranscriptView.eachObject(transcript, tally, n -> {
            if (n.path("$set").path("messages").isArray()) {
                messages.clear();
                n.path("$set").path("messages").forEach(m -> messages.put(key(m, messages), m));
            } else if (n.path("$rewindTo").isTextual()) {
                rewind(messages, n.path("$rewindTo").asText());
            } else if (n.has("type") && n.has("content")) {
                messages.put(key(n, messages), n);
            }
        });
        messages.values().forEach(visit);
    }

    private static String key(JsonNode message, Map<String, JsonNode> messages) {
        return message.path("id").isTextual() ? message.path("id").asText() : "#" + messages.size();
    }

    private static void rewind(Map<String, JsonNode> messages, String id) {
        if (!messages.containsKey(id)) {
            messages.clear();
            return;
        }
        boolean found = false;
        for (var it = messages.keySet().iterator(); it.hasNext(); ) {
            found |= it.next().equals(id);
            if (found) {
                it.remove();
            }
        }
    }

    /** Whether Gemini would offer the chat to resume: it holds a prompt or a reply, not just the session context. */
    static boolean hasTurns(java.nio.file.Path chat) {
        boolean[] turns = new boolean[1];
        try {
            forEachMessage(java.nio.file.Files.newBufferedReader(chat, java.nio.charset.StandardCharsets.UTF_8), new Tally(), m -> {
                String type = m.path("type").asText();
                turns[0] |= type.equals("user") ? isPrompt(text(m))
                        : type.equals("gemini") && (!text(m).isBlank() || !m.path("toolCalls").isEmpty());
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
        return turns[0];
    }

    private static boolean isPrompt(String text) {
        String t = text.strip();
        return !t.isEmpty() && !t.startsWith("<");
    }

    private static String text(JsonNode m) {
        JsonNode c = m.path("content");
        if (c.isTextual()) {
            return c.asText();
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode part : c) {
            if (part.path("text").isTextual()) {
                b.append(part.path("text").asText());
            }
        }
        return b.toString();
    }
}
