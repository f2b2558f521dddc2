package lib.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import lib.agent.TranscriptView;
import lib.base.Json;
import lib.term.Text;

/**
 * A Codex rollout for people. Its lines are {timestamp, type, payload}: response_item payloads
 * are messages (user, assistant, developer), reasoning and function calls; event_msg, turn_context
 * and session_meta lines are bookkeeping, counted but not shown.
 */
final class CodexTranscriptView implements TranscriptView {
    @Override
    public Summary summarize(BufferedReader transcript) throws IOException {
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> tools = new LinkedHashMap<>();
        String first = null;
        String last = null;
        long lines = 0;
        long bad = 0;
        try (BufferedReader in = transcript) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                JsonNode n = parse(line);
                if (n == null) {
                    bad++;
                    continue;
                }
                JsonNode p = n.path("payload");
                String kind = n.path("type").asText("other") + (p.path("type").isTextual() ? ":" + p.path("type").asText() : "");
                byType.merge(kind, 1, Integer::sum);
                if (p.path("type").asText().equals("message")) {
                    String text = text(p);
                    if (p.path("role").asText().equals("user") && first == null && isPrompt(text)) {
                        first = text;
                    } else if (p.path("role").asText().equals("assistant") && !text.isBlank()) {
                        last = text;
                    }
                } else if (p.path("type").asText().equals("function_call")) {
                    tools.merge(p.path("name").asText("?"), 1, Integer::sum);
                }
            }
        }
        return new Summary(lines, byType, first, last, tools, bad);
    }

    @Override
    public void render(BufferedReader transcript, PrintWriter out) throws IOException {
        try (BufferedReader in = transcript) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode n = line.isBlank() ? null : parse(line);
                if (n == null || !n.path("type").asText().equals("response_item")) {
                    continue;
                }
                JsonNode p = n.path("payload");
                String when = n.path("timestamp").isTextual() ? " · " + n.path("timestamp").asText() : "";
                switch (p.path("type").asText()) {
                    case "message" -> {
                        String role = p.path("role").asText();
                        String text = text(p);
                        if ((role.equals("user") && isPrompt(text)) || role.equals("assistant")) {
                            out.println("── " + role + when);
                            out.println(Text.safeLines(text.strip()));
                            out.println();
                        }
                    }
                    case "function_call" -> out.println("  → " + Text.safe(p.path("name").asText("tool")) + ": "
                            + Text.oneLine(p.path("arguments").asText(""), 120));
                    case "function_call_output" -> out.println("  ← result: " + Text.oneLine(p.path("output").toString(), 100));
                    case "reasoning" -> out.println("  (reasoning)");
                    default -> {
                    }
                }
            }
        }
    }

    /** A user message the user typed (not the environment or instructions Codex adds). */
    private static boolean isPrompt(String text) {
        String t = text.strip();
        return !t.isEmpty() && !t.startsWith("<");
    }

    private static String text(JsonNode payload) {
        StringBuilder b = new StringBuilder();
        for (JsonNode c : payload.path("content")) {
            if (c.path("text").isTextual()) {
                b.append(c.path("text").asText());
            }
        }
        return b.toString();
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode n = Json.COMPACT.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
