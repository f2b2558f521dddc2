package lib.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import lib.agent.TranscriptView;
import lib.agent.TranscriptView.Tally;
import lib.term.Text;

/**
 * A Codex rollout for people. Its lines are {timestamp, type, payload}: response_item payloads
 * are messages (user, assistant, developer), reasoning and function calls; event_msg, turn_context
 * and session_meta lines are bookkeeping, counted but not shown.
 */
final class CodexTranscriptView implements TranscriptView {
    @Override
    public Summary summarize(BufferedReader transcript) throws IOException {
        Tally tally = new Tally();
        TranscriptView.eachObject(transcript, tally, n -> {
            JsonNode p = n.path("payload");
            tally.type(n.path("type").asText("other") + (p.path("type").isTextual() ? ":" + p.path("type").asText() : ""));
            if (p.path("type").asText().equals("message")) {
                String text = text(p);
                if (p.path("role").asText().equals("user") && isPrompt(text)) {
                    tally.prompt(text);
                } else if (p.path("role").asText().equals("assistant") && !text.isBlank()) {
                    tally.reply(text);
                }
            } else if (p.path("type").asText().equals("function_call")) {
                tally.tool(p.path("name").asText("?"));
            }
        });
        return tally.summary();
    }

    @Override
    public void render(BufferedReader transcript, PrintWriter out) throws IOException {
        TranscriptView.eachObject(transcript, new Tally(), n -> {
            if (!n.path("type").asText().equals("response_item")) {
                return;
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
        });
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
}
