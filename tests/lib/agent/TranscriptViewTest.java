package lib.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.agent.TranscriptView.Tally;
import org.junit.jupiter.api.Test;

class TranscriptViewTest {
    private static BufferedReader lines(String... lines) {
        return new BufferedReader(new StringReader(String.join("\n", lines)));
    }

    @Test
    void onlyObjectsAreVisitedAndEveryOtherLineIsCountedUnreadable() throws Exception {
        Tally tally = new Tally();
        List<String> seen = new ArrayList<>();
        TranscriptView.eachObject(lines("{\"n\":\"one\"}", "", "   ", "not json", "[1,2]", "42", "{\"n\":",
                "{\"n\":\"two\"}"), tally, n -> seen.add(n.path("n").asText()));
        assertEquals(List.of("one", "two"), seen);
        TranscriptView.Summary s = tally.summary();
        assertEquals(6, s.lines()); // blank lines are not lines of the conversation
        assertEquals(4, s.unreadable());
    }

    @Test
    void theTallyKeepsTheFirstPromptTheLastReplyAndCountsTypesAndTools() {
        Tally tally = new Tally();
        assertNull(tally.summary().firstPrompt());
        tally.prompt("first");
        tally.prompt("second");
        tally.reply("early");
        tally.reply("late");
        tally.type("user");
        tally.type("user");
        tally.type("assistant");
        tally.tool("Bash");
        tally.tool("Edit");
        tally.tool("Bash");
        TranscriptView.Summary s = tally.summary();
        assertEquals("first", s.firstPrompt());
        assertEquals("late", s.lastReply());
        assertEquals(Map.of("assistant", 1, "user", 2), s.byType());
        assertEquals(List.of("Bash", "Edit"), List.copyOf(s.tools().keySet())); // in the order first used
        assertEquals(2, s.tools().get("Bash"));
    }
}
