package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lib.base.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import support.AgentClients;
import support.Cli;
import support.Fixture;
import support.FixtureTest;
import support.Repos;

/** The real Claude Code client, offline, with continuum as a user installs it. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClaudeCodeClientTest extends FixtureTest {

    private Fixture.Result claude(Fixture who, Path cwd, String... args) throws Exception {
        Path bin = who.root.resolve("bin");
        AgentClients.continuumCommand(bin);
        Map<String, String> env = new HashMap<>(Cli.childEnv(who));
        env.putAll(AgentClients.offline());
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        List<String> cmd = new ArrayList<>(List.of(AgentClients.claude().toString()));
        cmd.addAll(List.of(args));
        return Cli.run(cmd, env, cwd, 120);
    }

    private String onlySessionDescription() throws Exception {
        try (var dirs = Files.list(fx.vault().resolve("sessions"))) {
            Path only = dirs.findFirst().orElseThrow();
            return Json.COMPACT.readTree(only.resolve("metadata.json").toFile()).path("description").asText();
        }
    }

    @Test
    void nightnightsWordsNeverRunAsShellAndBecomeTheDescription() throws Exception {
        Path ws = fx.project();
        fx.set("PATH", fx.root.resolve("bin") + ":" + System.getenv("PATH"));
        AgentClients.continuumCommand(fx.root.resolve("bin"));
        assertEquals(0, fx.run(ws, "install-command").code());
        String words = "fixed the `touch X` step; \"quoted\" $(touch Y) 'single' & touch Z";
        Fixture.Result r = claude(fx, ws, "-p", "/nightnight " + words);
        assertTrue(r.all().contains("Session ID: session-") || Files.isDirectory(fx.vault().resolve("sessions")), r.all());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!onlySessionDescription().equals(words) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(words, onlySessionDescription(), "the words arrive as typed");
        try (var vault = org.eclipse.jgit.api.Git.open(fx.vault().toFile())) {
            String id;
            try (var ids = Files.list(fx.vault().resolve("sessions"))) {
                id = ids.findFirst().orElseThrow().getFileName().toString();
            }
            java.util.function.Supplier<String> last = () -> {
                try {
                    return vault.log().add(vault.getRepository().resolve("refs/continuum/sessions/" + id)).setMaxCount(1)
                            .call().iterator().next().getFullMessage();
                } catch (Exception e) {
                    return "";
                }
            };
            while (!last.get().startsWith("describe: ") && System.nanoTime() < deadline) {
                Thread.sleep(200); // the background step commits after it writes
            }
            assertTrue(last.get().startsWith("describe: " + words), last.get());
        }
        for (String f : new String[] {"X", "Y", "Z"}) {
            assertFalse(Files.exists(ws.resolve(f)), f + " was created: a shell ran the words");
        }
    }

    @Test
    void aWorkspaceWithAPathOverTwoHundredCharactersIsFoundAndResumed() throws Exception {
        Path ws = fx.root.resolve("very-long-directory-name-".repeat(9) + "end");
        try (var git = Repos.init(ws)) {
            Repos.write(ws, "a.txt", "long paths\n");
            Repos.commit(git, "one");
        }
        Repos.write(ws, "a.txt", "changed\n");
        claude(fx, ws, "-p", "hello from a long path");
        fx.useVaultRemote();
        Fixture.Result saved = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, saved.code(), saved.all());
        assertTrue(saved.out().contains("  ✓ Saved conversation (claude-code "), saved.out());
        String agentSession = Json.COMPACT.readTree(fx.vault().resolve("sessions").resolve(saved.sessionId())
                .resolve("metadata.json").toFile()).path("agent").path("session_id").asText();

        lib.base.FileUtil.deleteTree(ws);
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", fx.vaultRemote().toString());
            Files.createDirectories(ws);
            Fixture.Result resumed = other.run(ws, "resume", "latest", "--no-launch");
            assertEquals(0, resumed.code(), resumed.all());
            Path placed = Files.list(other.claude().resolve("projects")).findFirst().orElseThrow().resolve(agentSession + ".jsonl");
            long before = Files.size(placed);
            Fixture.Result again = claude(other, ws, "--resume", agentSession, "-p", "and carry on");
            assertFalse(again.all().contains("No conversation found"), again.all());
            assertTrue(Files.size(placed) > before, "Claude Code found the restored transcript and appended to it");
        }
    }
}
