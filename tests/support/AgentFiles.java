package support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Codex rollouts and Gemini chats in the shapes the real clients write, where they write them. */
public final class AgentFiles {
    private AgentFiles() {
    }

    /** $home/.codex/sessions/2026/11/24/rollout-2026-11-24T10-00-00-<id>.jsonl */
    public static Path codexRollout(Path home, Path cwd, String id, String prompt, boolean encryptedReasoning) throws IOException {
        Path f = home.resolve(".codex/sessions/2026/11/24/rollout-2026-11-24T10-00-00-" + id + ".jsonl");
        Files.createDirectories(f.getParent());
        String ts = "\"timestamp\":\"2026-11-24T10:00:00.000Z\"";
        List<String> lines = new java.util.ArrayList<>(List.of(
                "{" + ts + ",\"type\":\"session_meta\",\"payload\":{\"id\":\"" + id + "\",\"session_id\":\"" + id
                        + "\",\"cwd\":\"" + cwd + "\",\"runtime_workspace_roots\":[\"" + cwd + "\"],\"cli_version\":\"0.169.0\",\"source\":\"cli\"}}",
                "{" + ts + ",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"<environment_context>\\n  <cwd>" + cwd + "</cwd>\\n</environment_context>\"}]}}",
                "{" + ts + ",\"type\":\"turn_context\",\"payload\":{\"cwd\":\"" + cwd + "\",\"approval_policy\":\"never\",\"model\":\"gpt-5\"}}",
                "{" + ts + ",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":" + lib.base.Json.COMPACT.valueToTree(prompt) + "}]}}",
                "{" + ts + ",\"type\":\"response_item\",\"payload\":{\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":\"{\\\"command\\\":[\\\"ls\\\"]}\",\"call_id\":\"call_1\"}}",
                "{" + ts + ",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Done: the tests pass.\"}]}}"));
        if (encryptedReasoning) {
            lines.add(3, "{" + ts + ",\"type\":\"response_item\",\"payload\":{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Looking\"}],\"encrypted_content\":\"gAAAAABo" + "Q".repeat(40) + "\"}}");
        }
        Files.write(f, lines);
        return f;
    }

    /** $home/.gemini/tmp/<name>/chats/session-2026-11-24T10-00-<id8>.jsonl, registered in projects.json. */
    public static Path geminiChat(Path home, Path cwd, String id, String prompt) throws Exception {
        String name = cwd.getFileName().toString();
        Path projects = home.resolve(".gemini/projects.json");
        Files.createDirectories(projects.getParent());
        Files.writeString(projects, "{\"projects\":{\"" + cwd.toRealPath() + "\":\"" + name + "\",\"/elsewhere/other\":\"other\"}}");
        Path f = home.resolve(".gemini/tmp/" + name + "/chats/session-2026-11-24T10-00-" + id.substring(0, 8) + ".jsonl");
        Files.createDirectories(f.getParent());
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(cwd.toRealPath().toString().getBytes()));
        Files.write(f, List.of(
                "{\"sessionId\":\"" + id + "\",\"projectHash\":\"" + hash + "\",\"startTime\":\"2026-11-24T10:00:00.000Z\",\"lastUpdated\":\"2026-11-24T10:00:00.000Z\",\"kind\":\"main\"}",
                "{\"$set\":{\"messages\":[{\"id\":\"m0\",\"timestamp\":\"2026-11-24T10:00:00.000Z\",\"type\":\"user\",\"content\":[{\"text\":\"<session_context>\\nThe project's temporary directory is: " + f.getParent().getParent() + "\\n- **Workspace Directories:**\\n  - " + cwd.toRealPath() + "\\n</session_context>\"}]}]}}",
                "{\"id\":\"m1\",\"timestamp\":\"2026-11-24T10:00:01.000Z\",\"type\":\"user\",\"content\":[{\"text\":" + lib.base.Json.COMPACT.valueToTree(prompt) + "}]}",
                "{\"id\":\"m2\",\"timestamp\":\"2026-11-24T10:00:05.000Z\",\"type\":\"gemini\",\"content\":[{\"text\":\"Fixed the parser.\"}],\"toolCalls\":[{\"id\":\"t1\",\"name\":\"run_shell_command\",\"args\":{\"command\":\"make test\"}}]}",
                "{\"$set\":{\"lastUpdated\":\"2026-11-24T10:00:05.000Z\"}}"));
        return f;
    }
}
