package lib.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import lib.base.Json;

/** An agent's transcript read for people: a summary for show, readable turns for show --transcript. */
public interface TranscriptView {
    /** Lines by type, the first prompt, the last reply and the tools used. */
    record Summary(long lines, Map<String, Integer> byType, String firstPrompt, String lastReply,
                   Map<String, Integer> tools, long unreadable) {
    }

    Summary summarize(BufferedReader transcript) throws IOException;

    /** User, assistant and tool calls one line each; never raw JSON. */
    void render(BufferedReader transcript, PrintWriter out) throws IOException;

    /**
     * Each line of a JSON-lines transcript that holds a JSON object, in order, to visit; blank
     * lines are passed over, and a line that is not an object is counted in tally as unreadable,
     * never an error. The reader is closed.
     */
    static void eachObject(BufferedReader transcript, Tally tally, Consumer<JsonNode> visit) throws IOException {
        try (BufferedReader in = transcript) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                tally.lines++;
                JsonNode n = parse(line);
                if (n == null) {
                    tally.unreadable++;
                } else {
                    visit.accept(n);
                }
            }
        }
    }

    /** The line as a JSON object, or null when it is not one. */
    private static JsonNode parse(String line) {
        try {
            JsonNode n = Json.COMPACT.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A Summary being counted, line by line; the lines themselves are counted by eachObject only. */
    final class Tally {
        private final Map<String, Integer> byType = new TreeMap<>();
        private final Map<String, Integer> tools = new LinkedHashMap<>();
        private String firstPrompt;
        private String lastReply;
        private long lines;
        private long unreadable;

        public void type(String type) {
            byType.merge(type, 1, Integer::sum);
        }

        public void tool(String name) {
            tools.merge(name, 1, Integer::sum);
        }

        /** Kept only when it is the first. */
        public void prompt(String text) {
            if (firstPrompt == null) {
                firstPrompt = text;
            }
        }

        public boolean hasPrompt() {
            return firstPrompt != null;
        }

        public void reply(String text) {
            lastReply = text;
        }

        public Summary summary() {
            return new Summary(lines, byType, firstPrompt, lastReply, tools, unreadable);
        }
    }
}
