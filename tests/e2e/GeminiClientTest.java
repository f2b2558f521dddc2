package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lib.base.FileUtil;
import lib.base.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import support.AgentClients;
import support.Cli;
import support.Fixture;
import support.FixtureTest;

/**
 * The real Gemini CLI, offline: its chat saved on one machine is found by Gemini on another.
 * Offline, Gemini records only its session context before it gives up on the model, and it never
 * offers a chat without a turn; so the test adds the prompt and the reply the model would have
 * written, in Gemini's own record shape, before saving.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GeminiClientTest extends FixtureTest {
    private static Map<String, String> geminiEnv(Fixture who) throws Exception {
        Map<String, String> env = new HashMap<>(Cli.childEnv(who));
        env.putAll(AgentClients.offlineGemini(who.home));
        return env;
    }

    private static Path onlyChat(Path home) throws Exception {
        try (Stream<Path> all = Files.walk(home.resolve(".gemini/tmp"))) {
            List<Path> chats = all.filter(p -> p.getFileName().toString().startsWith("session-")).toList();
            assertEquals(1, chats.size(), chats.toString());
            return chats.get(0);
        }
    }

    @Test
    void aGeminiChatResumesOnAnotherMachine() throws Exception {
        Path gemini = AgentClients.gemini();
        Path ws = fx.project();
        fx.useVaultRemote();
        Cli.runFor(List.of(gemini.toString(), "-p", "fix the login test"), geminiEnv(fx), ws, 10);
        Path chat = onlyChat(fx.home);
        String id = Json.COMPACT.readTree(Files.readAllLines(chat).get(0)).path("sessionId").asText();
        Files.writeString(chat, "{\"id\":\"u1\",\"timestamp\":\"2026-11-26T04:02:06.000Z\",\"type\":\"user\",\"content\":[{\"text\":\"fix the login test\"}]}\n"
                + "{\"id\":\"g1\",\"timestamp\":\"2026-11-26T04:02:09.000Z\",\"type\":\"gemini\",\"content\":\"Fixed: the test waited on a stale token.\"}\n",
                StandardOpenOption.APPEND);

        Fixture.Result saved = fx.run(ws, "save", "--agent", "gemini", "--no-wip-push");
        assertEquals(0, saved.code(), saved.all());
        assertTrue(saved.out().contains("  ✓ Saved conversation (gemini-cli " + id.substring(0, 8) + ")"), saved.out());
        FileUtil.deleteTree(ws);

        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", fx.vaultRemote().toString());
            Map<String, String> env = geminiEnv(other);
            Path target = other.dir("morning");
            Fixture.Result r = other.run(target, "resume", "latest", "--no-launch");
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().endsWith("cd " + target + " && gemini --resume " + id + "\n"), r.out());
            Path placed = onlyChat(other.home);
            String before = Files.readString(placed);
            assertFalse(before.contains(fx.home.toString()), "no path of the first machine is left");

            Fixture.Result unknown = Cli.runFor(List.of(gemini.toString(), "--resume", "00000000-0000-4000-8000-000000000000",
                    "-p", "x"), env, target, 30);
            assertEquals(42, unknown.code(), "Gemini refuses a session it cannot find: " + unknown.out());
            Fixture.Result again = Cli.runFor(List.of(gemini.toString(), "--resume", id, "-p", "and carry on"), env, target, 10);
            assertFalse(again.out().contains("Invalid session identifier") || again.out().contains("No previous sessions"), again.out());
            assertFalse(before.equals(Files.readString(placed)), "Gemini loaded the restored chat and wrote it again: " + again.out());
            assertTrue(Files.readString(placed).contains("Fixed: the test waited on a stale token."));
        }
    }
}
