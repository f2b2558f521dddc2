package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lib.base.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import support.AgentClients;
import support.Cli;
import support.Fixture;
import support.FixtureTest;
import support.JGitMeasurements;
import support.Repos;
import support.Transcripts;

/** A session is saved when it ends, without the user typing anything, and the agent never waits for it. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AutoSaveTest extends FixtureTest {
    static final String AGENT = "a070a070-1111-4222-8333-444455556666";
    Path ws;
    Path transcript;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        transcript = Transcripts.write(fx.claude(), ws, AGENT, "make the login test stop flaking", "and run it");
        AgentClients.continuumCommand(fx.root.resolve("bin"));
        fx.set("PATH", fx.root.resolve("bin") + ":" + System.getenv("PATH"));
    }

    private String payload() {
        return "{\"session_id\":\"" + AGENT + "\",\"transcript_path\":\"" + transcript + "\",\"cwd\":\"" + ws
                + "\",\"hook_event_name\":\"SessionEnd\",\"reason\":\"prompt_input_exit\"}";
    }

    /** Runs the plugin's hook script as Claude Code does: the payload on stdin. */
    private Fixture.Result hook(Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(Cli.childEnv(fx));
        env.putAll(extra);
        Path in = fx.root.resolve("payload.json");
        Files.writeString(in, payload());
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "'" + Cli.repoRoot().resolve("plugin/session-end") + "' < '" + in + "'");
        pb.environment().clear();
        pb.environment().putAll(env);
        return Cli.run(pb.command(), env, ws, 30);
    }

    private List<String> sessions() throws Exception {
        Path dir = fx.vault().resolve("sessions");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String lastResult() throws Exception {
        Path log = fx.vault().resolve(".git/continuum-logs/auto-save.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(log)) {
                var results = Files.readAllLines(log).stream().filter(l -> l.startsWith("result: ")).toList();
                if (!results.isEmpty()) {
                    return results.get(results.size() - 1);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no auto-save result in " + log);
    }

    @Test
    void theHookReturnsAtOnceAndTheSaveFinishesInTheBackground() throws Exception {
        long start = System.nanoTime();
        Fixture.Result r = hook(Map.of("CONTINUUM_TEST_PAUSE_AT", "start", "CONTINUUM_TEST_PAUSE_MS", "3000"));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0, r.code(), r.all());
        assertEquals(List.of(), sessions(), "the hook returned while the save was still running");
        System.out.println("  the hook returned in " + ms + " ms");
        assertTrue(lastResult().contains(" saved session-"), lastResult());
        assertEquals(1, sessions().size());
        JsonNode meta = Json.COMPACT.readTree(fx.vault().resolve("sessions").resolve(sessions().get(0)).resolve("metadata.json").toFile());
        assertTrue(meta.path("auto").asBoolean());
        assertEquals(AGENT, meta.path("agent").path("session_id").asText());
        assertEquals("Auto-saved at session end: make the login test stop flaking", meta.path("description").asText());
        assertTrue(fx.run(ws, "list").out().contains("auto"), "list marks it");
        assertTrue(fx.run(ws, "doctor").out().contains("Last auto-save: "), "doctor reports it");
    }

    @Test
    void onANewMachineTheFirstAutomaticSaveLetsJGitFinishMeasuringTheDisk() throws Exception {
        // A Java home folder without JGit settings: a machine where JGit never measured a disk,
        // and `install` (which would have) never ran. No save lasts the ~3 s JGit's measurement
        // takes; nobody waits for an automatic one, so it runs to the end there, once. The vault
        // exists already (manual saves came first): opening it must not start a measurement that
        // the hook's own then cannot wait for.
        assertEquals(0, fx.run(ws, "save", "--no-wip-push", "-m", "first").code(), "an existing vault");
        Files.writeString(ws.resolve("later.txt"), "more work\n");
        Path home = fx.dir("home-without-jgit-settings");
        Fixture.Result r = hook(Map.of("JAVA_TOOL_OPTIONS", "-Duser.home=" + home));
        assertEquals(0, r.code(), r.all());
        assertTrue(lastResult().contains(" saved session-"), lastResult());
        assertTrue(JGitMeasurements.disksMeasured(home) >= 1, "JGit keeps the measurement for every later command");
    }

    @Test
    void aProjectOnAnotherDiskIsMeasuredOnceTooAndKeepsNoProbe() throws Exception {
        Path other = fx.dirOnAnotherDisk("projects");
        ws = other.resolve("ws");
        Repos.everyKindOfChange(other.resolve("origin.git"), ws).close();
        transcript = Transcripts.write(fx.claude(), ws, AGENT, "fix the flaky test on the big disk");
        Path home = fx.dir("home-without-jgit-settings");
        assertEquals(0, hook(Map.of("JAVA_TOOL_OPTIONS", "-Duser.home=" + home)).code());
        assertTrue(lastResult().contains(" saved session-"), lastResult());
        assertEquals(2, JGitMeasurements.disksMeasured(home), "the vault's disk and the project's: " + JGitMeasurements.settings(home));
        assertEquals(List.of(), JGitMeasurements.probesIn(ws.resolve(".git")));
    }

    @Test
    void aSecondEndWithNothingNewAddsNothing() throws Exception {
        hook(Map.of());
        assertTrue(lastResult().contains(" saved session-"));
        Files.writeString(fx.vault().resolve(".git/continuum-logs/auto-save.log"), "");
        hook(Map.of());
        assertTrue(lastResult().contains("nothing new since session-"), lastResult());
        assertEquals(1, sessions().size());
    }

    @Test
    void switchedOffItSavesNothing() throws Exception {
        assertEquals(0, fx.run(ws, "config", "auto-save", "off").code());
        assertEquals("auto-save = off\n", fx.run(ws, "config").out());
        hook(Map.of());
        assertTrue(lastResult().contains("auto-save is off"), lastResult());
        assertEquals(List.of(), sessions());
        assertEquals(2, fx.run(ws, "config", "auto-save", "maybe").code());
    }

    @Test
    void settingsJsonKeepsEverythingElseAndTheHookIsAddedOnceAndRemoved() throws Exception {
        Path settings = fx.claude().resolve("settings.json");
        Files.createDirectories(settings.getParent());
        String before = "{\n  \"model\": \"opus\",\n  \"permissions\": {\"allow\": [\"Bash(ls:*)\"]},\n  \"hooks\": {\n"
                + "    \"PreToolUse\": [{\"matcher\": \"Bash\", \"hooks\": [{\"type\": \"command\", \"command\": \"audit.sh\"}]}],\n"
                + "    \"SessionEnd\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"notify-me\"}]}]\n  }\n}\n";
        Files.writeString(settings, before);
        fx.set("CONTINUUM_LAUNCHER", Cli.repoRoot().resolve("jbang").toString());
        Fixture.Result add = fx.run(ws, "install-command", "--hooks");
        assertEquals(0, add.code(), add.all());
        assertTrue(add.out().contains("  ✓ Added the session-end hook to " + settings), add.out());
        JsonNode s = Json.COMPACT.readTree(settings.toFile());
        assertEquals("opus", s.path("model").asText());
        assertEquals("Bash(ls:*)", s.path("permissions").path("allow").get(0).asText());
        assertEquals("audit.sh", s.path("hooks").path("PreToolUse").get(0).path("hooks").get(0).path("command").asText());
        assertEquals(2, s.path("hooks").path("SessionEnd").size());
        assertTrue(s.path("hooks").path("SessionEnd").get(1).toString().contains("plugin/session-end"));
        assertTrue(fx.run(ws, "install-command", "--hooks").out().contains("already in"));
        assertEquals(2, Json.COMPACT.readTree(settings.toFile()).path("hooks").path("SessionEnd").size(), "added once");
        assertTrue(fx.run(ws, "doctor").out().contains("Sessions are saved automatically when they end (hook from settings.json)"));
        Fixture.Result removed = fx.run(ws, "install-command", "--hooks", "--remove");
        assertTrue(removed.out().contains("Removed the session-end hook"), removed.out());
        assertEquals(Json.COMPACT.readTree(before), Json.COMPACT.readTree(settings.toFile()), "as it was");
    }

    @Test
    void theRealClientInstallsThePluginAndItsHookSavesTheSession() throws Exception {
        Path claude = AgentClients.claude();
        Map<String, String> env = new HashMap<>(Cli.childEnv(fx));
        env.putAll(AgentClients.offline());
        env.put("CLAUDE_CONFIG_DIR", fx.claude().toString());
        String root = Cli.repoRoot().toString();
        Fixture.Result validate = Cli.run(List.of(claude.toString(), "plugin", "validate", root), env, ws, 120);
        assertTrue(validate.all().contains("Validation passed"), validate.all());
        Fixture.Result add = Cli.run(List.of(claude.toString(), "plugin", "marketplace", "add", root), env, ws, 120);
        assertEquals(0, add.code(), add.all());
        Fixture.Result install = Cli.run(List.of(claude.toString(), "plugin", "install", "continuum@continuum"), env, ws, 120);
        assertEquals(0, install.code(), install.all());
        Fixture.Result session = Cli.run(List.of(claude.toString(), "-p", "remember the flaky login test"), env, ws, 120);
        assertFalse(session.all().contains("hook") && session.all().contains("failed"), session.all());
        assertTrue(lastResult().contains(" saved session-"), lastResult());
        String id = sessions().get(0);
        JsonNode meta = Json.COMPACT.readTree(fx.vault().resolve("sessions").resolve(id).resolve("metadata.json").toFile());
        assertTrue(meta.path("auto").asBoolean());
        assertTrue(meta.path("description").asText().contains("remember the flaky login test"), meta.toString());
        Fixture.Result nightnight = Cli.run(List.of(claude.toString(), "-p", "/continuum:nightnight end of day"), env, ws, 120);
        assertTrue(nightnight.all().contains("Session ID: session-") || sessions().size() >= 2, nightnight.all());
    }
}
