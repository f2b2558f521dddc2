package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lib.base.FileUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import support.AgentClients;
import support.Cli;
import support.Fixture;
import support.FixtureTest;

/** The real Codex CLI, offline: a session saved on one machine is found and continued by Codex on another. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CodexClientTest extends FixtureTest {
    private Map<String, String> codexEnv(Fixture who) throws Exception {
        AgentClients.offlineCodexHome(who.home);
        Map<String, String> env = new HashMap<>(Cli.childEnv(who));
        env.put("OPENAI_API_KEY", "sk-offline-test");
        env.put("CODEX_HOME", who.home.resolve(".codex").toString());
        return env;
    }

    private static Path rolloutOf(Path home, String id) throws Exception {
        try (var all = Files.walk(home.resolve(".codex/sessions"))) {
            return all.filter(p -> p.getFileName().toString().endsWith(id + ".jsonl")).findFirst().orElseThrow();
        }
    }

    @Test
    void aCodexSessionResumesOnAnotherMachine() throws Exception {
        Path codex = AgentClients.codex();
        Path ws = fx.project();
        fx.useVaultRemote();
        Cli.runFor(List.of(codex.toString(), "exec", "--skip-git-repo-check", "fix the login test"), codexEnv(fx), ws, 8);
        fx.set("CODEX_HOME", fx.home.resolve(".codex").toString());
        Fixture.Result saved = fx.run(ws, "save", "--agent", "codex", "--no-wip-push");
        assertEquals(0, saved.code(), saved.all());
        assertTrue(saved.out().contains("  ✓ Saved conversation (codex "), saved.out());
        String id = saved.out().lines().filter(l -> l.contains("codex")).findFirst().orElse("");
        var meta = lib.base.Json.COMPACT.readTree(fx.vault().resolve("sessions").resolve(saved.sessionId()).resolve("metadata.json").toFile());
        String agentSession = meta.path("agent").path("session_id").asText();
        assertTrue(fx.run(ws, "show").out().contains("  First prompt:  fix the login test"));

        FileUtil.deleteTree(ws);
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", fx.vaultRemote().toString());
            Map<String, String> env = codexEnv(other);
            other.set("CODEX_HOME", env.get("CODEX_HOME"));
            Path target = other.dir("morning");
            Fixture.Result r = other.run(target, "resume", "latest", "--no-launch");
            assertEquals(0, r.code(), r.all());
            assertTrue(r.out().endsWith("codex resume " + agentSession + "\n"), r.out() + id);
            Path placed = rolloutOf(other.home, agentSession);
            long before = Files.size(placed);
            Fixture.Result again = Cli.runFor(List.of(codex.toString(), "exec", "--skip-git-repo-check", "resume",
                    agentSession, "and carry on"), env, target, 10);
            assertTrue(!again.out().contains("no rollout found"), again.out());
            assertTrue(Files.size(placed) > before, "Codex found the restored rollout and appended to it: " + again.out());
            assertTrue(Files.readString(placed).contains("and carry on"));
        }
    }
}
