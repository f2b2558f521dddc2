package lib.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lib.base.Json;
import org.junit.jupiter.api.Test;

/**
 * Every secret family, in the four places a transcript holds text: a user's prompt, a tool
 * result, a tool's stdout, and the start of a line inside a multi-line string. Each must be kept
 * out of what is saved, and the look-alikes must come through untouched.
 */
class CorpusTest {
    private static final Map<String, Function<String, String>> PLACEMENTS = new LinkedHashMap<>();

    static {
        PLACEMENTS.put("prompt", text -> line(o -> o.put("type", "user").putObject("message").put("role", "user").put("content", "here: " + text)));
        PLACEMENTS.put("tool result", text -> line(o -> o.put("type", "user").putObject("message").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", "toolu_01").put("content", "$ cat config\n" + text + "\n")));
        PLACEMENTS.put("toolUseResult.stdout", text -> line(o -> o.put("type", "user").putObject("toolUseResult")
                .put("stdout", text).put("stderr", "")));
        PLACEMENTS.put("line start in a multi-line string", text -> line(o -> o.put("type", "assistant").putObject("message")
                .putArray("content").addObject().put("type", "text").put("text", "Found it:\n" + text + "\nand more text")));
    }

    private static String line(java.util.function.Consumer<ObjectNode> fill) {
        ObjectNode o = Json.COMPACT.createObjectNode();
        fill.accept(o);
        return o.toString();
    }

    @Test
    void everyFamilyIsKeptOutInEveryPlacement() throws Exception {
        List<Corpus.Sample> samples = new Corpus(42).secrets();
        List<String> leaks = new ArrayList<>();
        Map<String, int[]> byPlacement = new LinkedHashMap<>();
        int bareTotal = 0;
        int bareKept = 0;
        for (Corpus.Sample s : samples) {
            for (var p : PLACEMENTS.entrySet()) {
                String raw = p.getValue().apply(s.text());
                String saved = new Redactor().redactJsonLine(raw);
                Json.COMPACT.readTree(saved); // still one JSON line
                String decoded = Json.COMPACT.readTree(saved).toString();
                boolean kept = !saved.contains(s.secret()) && !decoded.contains(s.secret())
                        && !saved.contains(Json.COMPACT.writeValueAsString(s.secret()).replaceAll("^\"|\"$", ""));
                int[] c = byPlacement.computeIfAbsent(p.getKey(), k -> new int[2]);
                c[1]++;
                if (kept) {
                    c[0]++;
                } else {
                    leaks.add(s.family() + " in " + p.getKey());
                }
                if (s.bare()) {
                    bareTotal++;
                    bareKept += kept ? 1 : 0;
                }
            }
        }
        byPlacement.forEach((k, c) -> System.out.printf("  kept out in %-34s %d/%d%n", k + ":", c[0], c[1]));
        System.out.printf("  bare tokens kept out: %d/%d; families: %d%n", bareKept, bareTotal, samples.size());
        int total = samples.size() * PLACEMENTS.size();
        assertTrue(total - leaks.size() >= 0.95 * total, "kept out " + (total - leaks.size()) + "/" + total + "; leaked: " + leaks);
        assertTrue(bareKept >= 0.90 * bareTotal, "bare tokens kept out " + bareKept + "/" + bareTotal);
        assertEquals(List.of(), leaks, "every family is known");
    }

    @Test
    void lookAlikesAndGitOutputAreLeftAsTheyAre() throws Exception {
        List<String> touched = new ArrayList<>();
        for (String control : new Corpus(7).controls()) {
            for (var p : PLACEMENTS.entrySet()) {
                String raw = p.getValue().apply(control);
                Redactor r = new Redactor();
                if (!r.redactJsonLine(raw).equals(raw)) {
                    touched.add(control + " (" + r.counts() + ", " + p.getKey() + ")");
                }
            }
            Redactor plain = new Redactor();
            if (!plain.redact(control).equals(control)) {
                touched.add(control + " (" + plain.counts() + ", as text)");
            }
        }
        assertEquals(List.of(), touched);
    }
}
