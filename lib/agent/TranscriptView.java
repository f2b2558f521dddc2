package lib.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/** An agent's transcript read for people: a summary for show, readable turns for show --transcript. */
public interface TranscriptView {
    /** Lines by type, the first prompt, the last reply and the tools used. */
    record Summary(long lines, Map<String, Integer> byType, String firstPrompt, String lastReply,
                   Map<String, Integer> tools, long unreadable) {
    }

    Summary summarize(BufferedReader transcript) throws IOException;

    /** User, assistant and tool calls one line each; never raw JSON. */
    void render(BufferedReader transcript, PrintWriter out) throws IOException;
}
