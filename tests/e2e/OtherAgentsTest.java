package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import lib.base.FileUtil;
import lib.base.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.AgentFiles;
import support.Fixture;
import support.FixtureTest;
import support.Snapshot;

/** Codex CLI and Gemini CLI sessions are saved, shown and resumed like Claude Code's. */
class OtherAgentsTest extends FixtureTest {
    static final String CODEX = "01a215fe-9ec3-72f0-9400-28f2469b2eac";
    static final String GEMINI = "7726e61e-3d5c-41de-9adb-a03052f23802";
    Path ws;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        fx.useVaultRemote();
    }

    private JsonNode meta(Fixture.Result r) throws Exception {
        return Json.COMPACT.readTree(fx.vault().resolve("sessions").resolve(r.sessionId()).resolve("metadata.json").toFile());
    }

    @Test
    void aCodexSessionIsSavedAndPutBackWhereCodexLooksOnAnotherMachine() throws Exception {
        AgentFiles.codexRollout(fx.home, ws.toRealPath(), CODEX, "fix the flaky login test", false);
        Fixture.Result saved = fx.run(ws, "save", "--no-wip-push");
        assertEquals(0, saved.code(), saved.all());
        assertEquals("codex", meta(saved).path("agent").path("name").asText(), "detected: the only agent with a session here");
        assertEquals(CODEX, meta(saved).path("agent").path("session_id").asText());
        String show = fx.run(ws, "show").out();
        assertTrue(show.contains("  Agent:         codex\n"), show);
        assertTrue(show.contains("  First prompt:  fix the flaky login test\n"), show);
        assertTrue(show.contains("  Tools used:    shell ×1\n"), show);
        String transcript = fx.run(ws, "show", "--transcript").out();
        assertTrue(transcript.contains("── user · 2026-11-24T10:00:00.000Z\nfix the flaky login test\n"), transcript);
        assertTrue(transcript.contains("  → shell: {\"command\":[\"ls\"]}"), transcript);

        Snapshot before = Snapshot.of(ws, Set.of("build", "debug.log", ".env"));
        FileUtil.deleteTree(ws);
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", fx.vaultRemote().toString());
            Path target = other.dir("morning");
            Fixture.Result r = other.run(target, "resume", "latest", "--no-launch");
            assertEquals(0, r.code(), r.all());
            Path placed = other.home.resolve(".codex/sessions/2026/11/24/rollout-2026-11-24T10-00-00-" + CODEX + ".jsonl");
            assertTrue(Files.isRegularFile(placed), r.out());
            assertTrue(r.out().endsWith("  cd " + target + " && codex resume " + CODEX + "\n"), r.out());
            JsonNode first = Json.COMPACT.readTree(Files.readAllLines(placed).get(0));
            assertEquals(target.toString(), first.path("payload").path("cwd").asText(), "paths moved to the target");
            assertFalse(Files.readString(placed).contains(ws.toString() + "<"), "no line names the old workspace");
            assertEquals(before.files(), Snapshot.of(target, Set.of()).files());
        }
    }

    @Test
    void encryptedReasoningIsKeptForTheSameAccountAndDroppedForAnother() throws Exception {
        AgentFiles.codexRollout(fx.home, ws.toRealPath(), CODEX, "think hard", true);
        fx.set("OPENAI_API_KEY", "sk-account-one");
        assertEquals(0, fx.run(ws, "save", "--agent", "codex", "--no-wip-push").code());
        Path placed = fx.home.resolve(".codex/sessions/2026/11/24/rollout-2026-11-24T10-00-00-" + CODEX + ".jsonl");
        Files.delete(placed);
        assertEquals(0, fx.run(ws, "resume", "latest", "--no-launch").code());
        assertTrue(Files.readString(placed).contains("encrypted_content"), "same account: kept");
        Files.delete(placed);
        fx.set("OPENAI_API_KEY", "sk-account-two");
        Fixture.Result r = fx.run(ws, "resume", "latest", "--no-launch");
        assertTrue(r.out().contains("  ⚠ Dropped the encrypted reasoning of 1 step(s)"), r.out());
        assertFalse(Files.readString(placed).contains("encrypted_content"));
        assertTrue(Files.readString(placed).contains("\"summary\""), "the summary stays");
        assertFalse(Files.readString(fx.vault().resolve("sessions").resolve(
                fx.run(ws, "list", "--json").out().replaceAll("(?s).*\"session_id\" : \"(session-[^\"]+)\".*", "$1"))
                .resolve("metadata.json")).contains("sk-account-one"), "only a hash of the account is stored");
    }

    @Test
    void aGeminiChatIsSavedAndPutBackUnderTheTargetsProjectName() throws Exception {
        AgentFiles.geminiChat(fx.home, ws, GEMINI, "make the parser faster");
        Fixture.Result saved = fx.run(ws, "save", "--agent", "gemini", "--no-wip-push");
        assertEquals(0, saved.code(), saved.all());
        assertEquals("gemini-cli", meta(saved).path("agent").path("name").asText());
        assertEquals(GEMINI, meta(saved).path("agent").path("session_id").asText());
        String show = fx.run(ws, "show").out();
        assertTrue(show.contains("  First prompt:  make the parser faster\n"), show);
        assertTrue(show.contains("  Last reply:    Fixed the parser.\n"), show);
        assertTrue(show.contains("run_shell_command ×1"), show);

        FileUtil.deleteTree(ws);
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", fx.vaultRemote().toString());
            Files.createDirectories(other.home.resolve(".gemini"));
            Files.writeString(other.home.resolve(".gemini/projects.json"), "{\"projects\":{\"/home/me/keep\":\"keep\"}}");
            Path target = other.dir("morning");
            Fixture.Result r = other.run(target, "resume", "latest", "--no-launch");
            assertEquals(0, r.code(), r.all());
            JsonNode projects = Json.COMPACT.readTree(other.home.resolve(".gemini/projects.json").toFile()).path("projects");
            assertEquals("keep", projects.path("/home/me/keep").asText(), "other entries are kept");
            assertEquals("morning", projects.path(target.toRealPath().toString()).asText());
            Path placed = other.home.resolve(".gemini/tmp/morning/chats/session-2026-11-24T10-00-" + GEMINI.substring(0, 8) + ".jsonl");
            assertTrue(Files.isRegularFile(placed), r.out());
            String expectedHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(target.toRealPath().toString().getBytes()));
            assertEquals(expectedHash, Json.COMPACT.readTree(Files.readAllLines(placed).get(0)).path("projectHash").asText());
            String chat = Files.readString(placed);
            assertTrue(chat.contains("temporary directory is: " + other.home.resolve(".gemini/tmp/morning") + "\\n"), chat);
            assertTrue(chat.contains("  - " + target.toRealPath() + "\\n"), chat);
            assertFalse(chat.contains(fx.home.toString()) || chat.contains(ws.toString()), chat);
            assertTrue(r.out().endsWith("&& gemini --resume " + GEMINI + "\n"), r.out());
        }
    }

    @Test
    void installCommandWritesNightnightForEachAgent() throws Exception {
        Path bin = fx.dir("bin");
        Files.writeString(bin.resolve("continuum"), "#!/bin/sh\n");
        bin.resolve("continuum").toFile().setExecutable(true);
        fx.set("PATH", bin.toString());
        Fixture.Result codex = fx.run(ws, "install-command", "--agent", "codex");
        assertTrue(codex.out().contains("  ✓ Installed /nightnight at " + fx.home.resolve(".codex/prompts/nightnight.md")), codex.out());
        assertTrue(Files.readString(fx.home.resolve(".codex/prompts/nightnight.md")).contains("continuum save --agent codex --description-from-agent"));
        Fixture.Result gemini = fx.run(ws, "install-command", "--agent", "gemini");
        assertTrue(gemini.out().contains(fx.home.resolve(".gemini/commands/nightnight.toml").toString()), gemini.out());
        assertTrue(Files.readString(fx.home.resolve(".gemini/commands/nightnight.toml")).contains("!{continuum save --agent gemini -m {{args}}}"));
        assertTrue(fx.run(ws, "install-command", "--agent", "gemini").out().contains("already installed"));
        assertEquals(1, fx.run(ws, "install-command", "--agent", "copilot").code());
    }

    @Test
    void aBadSessionIdForTheAgentIsOneLine() {
        Fixture.Result r = fx.run(ws, "save", "--agent", "codex", "--session", "nope");
        assertEquals(1, r.code());
        assertEquals("continuum: --session must be a Codex session id (a UUID), got 'nope'\n", r.err());
        assertEquals(List.of(), List.of());
    }
}
