package support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lib.agent.claude.ClaudeCode;

/** Transcripts in Claude Code's own jsonl shape, written where Claude Code writes them. */
public final class Transcripts {
    private Transcripts() {
    }

    public static List<String> lines(String sessionId, Path cwd, String... userPrompts) {
        List<String> out = new ArrayList<>();
        String parent = null;
        int n = 0;
        out.add("{\"type\":\"queue-operation\",\"operation\":\"enqueue\",\"timestamp\":\"2026-11-24T10:00:00.000Z\",\"sessionId\":\"" + sessionId + "\"}");
        for (String prompt : userPrompts) {
            String u = String.format("00000000-0000-4000-8000-%012d", ++n);
            out.add("{\"parentUuid\":" + (parent == null ? "null" : "\"" + parent + "\"")
                    + ",\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"" + cwd + "\",\"sessionId\":\"" + sessionId
                    + "\",\"version\":\"2.0.50\",\"gitBranch\":\"main\",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":"
                    + lib.base.Json.COMPACT.valueToTree(prompt) + "},\"uuid\":\"" + u + "\",\"timestamp\":\"2026-11-24T10:00:0" + (n % 10) + ".000Z\"}");
            String a = String.format("00000000-0000-4000-9000-%012d", n);
            out.add("{\"parentUuid\":\"" + u + "\",\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"" + cwd
                    + "\",\"sessionId\":\"" + sessionId + "\",\"version\":\"2.0.50\",\"gitBranch\":\"main\","
                    + "\"message\":{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"Done: " + n + "\"},{\"type\":\"tool_use\",\"id\":\"toolu_0" + n
                    + "\",\"name\":\"Bash\",\"input\":{\"command\":\"ls\"}}],\"usage\":{\"input_tokens\":10,\"output_tokens\":5}},"
                    + "\"type\":\"assistant\",\"uuid\":\"" + a + "\",\"timestamp\":\"2026-11-24T10:00:1" + (n % 10) + ".000Z\"}");
            parent = a;
        }
        out.add("{\"type\":\"system\",\"subtype\":\"compact_boundary\",\"content\":\"Conversation compacted\",\"sessionId\":\"" + sessionId + "\"}");
        out.add("{\"type\":\"future-kind-we-do-not-know\",\"payload\":{\"x\":[1,2,3]},\"sessionId\":\"" + sessionId + "\"}");
        return out;
    }

    /**
     * count prompts of forty words each, drawn from a few programming words with numbers: text
     * that zlib shrinks, as it does real conversations, and the same for the same seed.
     */
    public static List<String> prompts(int count, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        String[] words = {"parser", "index", "branch", "refactor", "cache", "thread", "module", "config", "vector", "stream"};
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder p = new StringBuilder("step " + i + ":");
            for (int w = 0; w < 40; w++) {
                p.append(' ').append(words[rnd.nextInt(words.length)]).append(rnd.nextInt(1000));
            }
            prompts.add(p.toString());
        }
        return prompts;
    }

    /** Writes <claude>/projects/<encoded cwd>/<id>.jsonl and returns it. */
    public static Path write(Path claudeDir, Path cwd, String sessionId, String... prompts) throws IOException {
        Path dir = claudeDir.resolve("projects").resolve(ClaudeCode.encode(cwd));
        Files.createDirectories(dir);
        Path f = dir.resolve(sessionId + ".jsonl");
        Files.write(f, lines(sessionId, cwd, prompts));
        return f;
    }
}
