package lib.agent.claude;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import lib.agent.TranscriptView;
import lib.agent.TranscriptView.Tally;
import lib.term.Text;

/**
 * Reads a saved conversation for people: a summary for `show`, readable turns for
 * `show --transcript`. Understands Claude Code's entry types and the original tool's
 * history.jsonl lines; anything else is counted and passed over, never an error.
 */
public final class ClaudeTranscriptView implements TranscriptView {

    @Override
    public Summary summarize(BufferedReader reader) throws IOException {
        Tally tally = new Tally();
        TranscriptView.eachObject(reader, tally, n -> {
            String type = kind(n);
            tally.type(type);
            if (type.equals("user") && !tally.hasPrompt()) {
                String t = userText(n);
                if (t != null && !t.isBlank()) {
                    tally.prompt(t);
                }
            } else if (type.equals("assistant")) {
                for (JsonNode block : n.path("message").path("content")) {
                    if (block.path("type").asText().equals("text") && !block.path("text").asText().isBlank()) {
                        tally.reply(block.path("text").asText());
                    } else if (block.path("type").asText().equals("tool_use")) {
                        tally.tool(block.path("name").asText("?"));
                    }
                }
                if (n.path("message").path("content").isTextual()) {
                    tally.reply(n.path("message").path("content").asText());
                }
            }
        });
        return tally.summary();
    }

    /** Prints the conversation as turns; tool calls in one line each, no raw JSON. */
    @Override
    public void render(BufferedReader reader, PrintWriter out) throws IOException {
        TranscriptView.eachObject(reader, new Tally(), n -> {
            String type = kind(n);
            String when = n.path("timestamp").isTextual() ? " · " + n.path("timestamp").asText() : "";
            if (type.equals("user")) {
                renderUser(n, when, out);
            } else if (type.equals("assistant")) {
                renderAssistant(n, when, out);
            } else if (type.equals("system") && n.path("content").isTextual()) {
                out.println("── system" + when + ": " + oneLine(n.path("content").asText(), 200));
                out.println();
            }
        });
    }

    private static void renderUser(JsonNode n, String when, PrintWriter out) {
        JsonNode content = n.has("display") ? n.path("display") : n.path("message").path("content");
        StringBuilder text = new StringBuilder();
        StringBuilder results = new StringBuilder();
        if (content.isTextual()) {
            text.append(content.asText());
        } else {
            for (JsonNode block : content) {
                String bt = block.path("type").asText();
                if (bt.equals("text")) {
                    text.append(block.path("text").asText());
                } else if (bt.equals("tool_result")) {
                    String r = resultText(block.path("content"));
                    results.append("  ← result: ").append(oneLine(r, 100))
                            .append(" (").append(r.length()).append(" chars)\n");
                }
            }
        }
        if (text.length() > 0) {
            out.println("── user" + when);
            out.println(Text.safeLines(text.toString().strip()));
            out.println();
        }
        if (results.length() > 0) {
            out.print(results);
            out.println();
        }
    }

    private static void renderAssistant(JsonNode n, String when, PrintWriter out) {
        out.println("── assistant" + when);
        JsonNode content = n.path("message").path("content");
        if (content.isTextual()) {
            out.println(Text.safeLines(content.asText().strip()));
        }
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> out.println(Text.safeLines(block.path("text").asText().strip()));
                case "tool_use" -> out.println("  → " + Text.safe(block.path("name").asText("tool")) + ": "
                        + oneLine(toolInput(block.path("input")), 120));
                case "thinking" -> out.println("  (thinking)");
                default -> { }
            }
        }
        out.println();
    }

    private static String toolInput(JsonNode input) {
        for (String key : new String[] {"command", "file_path", "path", "pattern", "url", "query", "description", "prompt"}) {
            if (input.path(key).isTextual()) {
                return input.path(key).asText();
            }
        }
        return input.isMissingNode() ? "" : input.toString();
    }

    private static String resultText(JsonNode c) {
        if (c.isTextual()) {
            return c.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode b : c) {
            if (b.path("text").isTextual()) {
                sb.append(b.path("text").asText());
            }
        }
        return sb.toString();
    }

    private static String userText(JsonNode n) {
        if (n.has("display")) {
            return n.path("display").asText();
        }
        if (n.path("isMeta").asBoolean(false)) {
            return null;
        }
        JsonNode content = n.path("message").path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("text")) {
                return block.path("text").asText();
            }
        }
        return null;
    }

    /** Claude Code lines carry "type"; the original tool's history.jsonl lines carry "display". */
    private static String kind(JsonNode n) {
        if (n.path("type").isTextual()) {
            return n.path("type").asText();
        }
        return n.has("display") ? "user" : "other";
    }

    private static String oneLine(String s, int max) {
        return Text.oneLine(s, max);
    }
}
