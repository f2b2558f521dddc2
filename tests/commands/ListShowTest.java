package commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lib.base.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.Repos;
import support.Transcripts;

class ListShowTest extends FixtureTest {
    static final String AGENT = "0a0b0c0d-1111-4222-8333-444455556666";
    static final String OLD1 = "session-20240101-090000-0000aaaa";
    static final String OLD2 = "session-20240315-170000-0000bbbb";
    static final String BROKEN = "session-20240201-080000-0000dead";
    Path ws;
    String saved;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        Path t = Transcripts.write(fx.claude(), ws, AGENT, "Refactor the parser please", "and run the tests");
        Path sub = Files.createDirectories(t.resolveSibling(AGENT).resolve("subagents"));
        for (String a : List.of("agent-a1", "agent-b2")) {
            Files.write(sub.resolve(a + ".jsonl"), Transcripts.lines(AGENT, ws, "sub-agent task " + a));
        }
        Fixture.Result r = fx.run(ws, "save", "-m", "parser refactor", "--session", AGENT, "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        saved = SaveTest.sessionId(r.out());
        original(OLD1, "2024-01-01T09:00:00.000001", "first day", "laptop", "/home/me/proj", "main");
        original(OLD2, "2024-03-15T17:00:00", "spring cleaning", "desktop", "/home/me/other", "dev");
        Files.createDirectories(fx.vault().resolve("sessions").resolve(BROKEN));
        Files.writeString(fx.vault().resolve("sessions").resolve(BROKEN).resolve("metadata.json"), "{not json");
    }

    /** A session as the original tool wrote it: its keys only, a patch and a history-style conversation. */
    private void original(String id, String ts, String desc, String host, String path, String branch) throws Exception {
        Path d = Files.createDirectories(fx.vault().resolve("sessions").resolve(id));
        Files.writeString(d.resolve("metadata.json"), "{\"session_id\": \"" + id + "\", \"timestamp\": \"" + ts
                + "\", \"description\": \"" + desc + "\", \"workspace_path\": \"" + path + "\", \"hostname\": \"" + host
                + "\", \"kernel_version\": \"5.15.0\", \"git\": {\"is_repo\": true, \"branch\": \"" + branch
                + "\", \"has_uncommitted\": false, \"has_unpushed\": true}}");
        Files.writeString(d.resolve("snapshot.patch"), "");
        Files.writeString(d.resolve("conversation.jsonl"),
                "{\"display\": \"fix the login bug\", \"pastedContents\": {}, \"timestamp\": 1704099600000, \"project\": \"" + path + "\"}\n"
                        + "{\"display\": \"thanks\", \"pastedContents\": {}, \"timestamp\": 1704099700000, \"project\": \"" + path + "\"}\n");
    }

    private List<String> ids(String out) {
        List<String> ids = new ArrayList<>();
        for (String line : out.lines().toList()) {
            var m = java.util.regex.Pattern.compile("(session-\\d{8}-\\d{6}-[0-9a-f]{8})").matcher(line);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    @Test
    void listsNewestFirstWithMarkersAndDamagedEntries() {
        Fixture.Result r = fx.run(ws, "list");
        assertEquals(0, r.code(), r.all());
        assertEquals(List.of(saved, OLD2, BROKEN, OLD1), ids(r.out()));
        assertTrue(r.out().contains("  1. [just now] parser refactor\n     " + saved + " · testhost · main · "), r.out());
        assertTrue(r.out().contains("[project: uncommitted, unpushed]"), r.out());
        assertTrue(r.out().contains("  3. [") && r.out().contains("damaged: metadata.json is unreadable"), r.out());
        assertTrue(r.out().contains(OLD1 + " · laptop · main · /home/me/proj  [project: unpushed]"), r.out());
        assertFalse(r.out().contains("\u001b["), "no colour when piped");
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        assertTrue(fx.runAtTerminal(ws, "", "list").out().contains("\u001b[33m[project: uncommitted, unpushed]\u001b[0m"));
        fx.set("NO_COLOR", "1");
        assertFalse(fx.runAtTerminal(ws, "", "list").out().contains("\u001b["));
    }

    @Test
    void limitHostAndWorkspaceFilter() {
        assertEquals(List.of(saved), ids(fx.run(ws, "list", "--limit", "1").out()));
        assertEquals(List.of(OLD2), ids(fx.run(ws, "list", "--host", "desktop").out()));
        assertEquals(List.of(saved), ids(fx.run(ws, "list", "--workspace", ws.toString()).out()));
    }

    @Test
    void jsonIsAnArrayOfMetadataObjects() throws Exception {
        Fixture.Result r = fx.run(ws, "list", "--json", "--all");
        JsonNode arr = Json.COMPACT.readTree(r.out());
        assertTrue(arr.isArray());
        assertEquals(4, arr.size());
        assertEquals(saved, arr.get(0).path("session_id").asText());
        assertEquals("parser refactor", arr.get(0).path("description").asText());
        assertEquals("first day", arr.get(3).path("description").asText());
        assertEquals("metadata.json is unreadable", arr.get(2).path("damaged").asText());
    }

    @Test
    void emptyVaultSaysHowToSaveOne() throws Exception {
        try (Fixture empty = new Fixture()) {
            Fixture.Result r = empty.run(ws, "list");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("yet. Save one with: continuum save"), r.out());
            assertEquals("[]", empty.run(ws, "list", "--json").out().strip());
        }
    }

    @Test
    void showFindsByPrefixLatestAndRowNumber() {
        Fixture.Result byPrefix = fx.run(ws, "show", "20240315");
        assertEquals(0, byPrefix.code(), byPrefix.all());
        assertTrue(byPrefix.out().startsWith("Session " + OLD2 + "\n"), byPrefix.out());
        assertTrue(fx.run(ws, "show", "latest").out().startsWith("Session " + saved + "\n"));
        assertTrue(fx.run(ws, "show", "4").out().startsWith("Session " + OLD1 + "\n"));
    }

    @Test
    void aFileNamedLikeTheNewestSessionIsNoSession() throws Exception {
        String stray = "session-29991231-235959-0000ffff"; // sorts before every real one
        Files.writeString(fx.vault().resolve("sessions").resolve(stray), "not a folder");
        Fixture.Result list = fx.run(ws, "list");
        assertEquals(0, list.code(), list.all());
        assertFalse(list.out().contains(stray), list.out());
        assertEquals(saved, ids(list.out()).get(0));
        assertTrue(fx.run(ws, "show", "latest").out().startsWith("Session " + saved + "\n"));
        assertTrue(fx.run(ws, "show", "1").out().startsWith("Session " + saved + "\n"));
        assertTrue(fx.run(ws, "show", "4").out().startsWith("Session " + OLD1 + "\n"));
        assertEquals("continuum: there is no session number 5 (the vault has 4)\n", fx.run(ws, "show", "5").err());
        assertEquals("continuum: no session matches '" + stray + "' (see 'continuum list')\n", fx.run(ws, "show", stray).err());
    }

    @Test
    void ambiguousPrefixListsTheCandidatesAndUnknownIsOneLine() {
        Fixture.Result amb = fx.run(ws, "show", "session-2024");
        assertEquals(1, amb.code());
        assertTrue(amb.err().startsWith("continuum: 'session-2024' matches 3 sessions: "), amb.err());
        assertTrue(amb.err().contains(OLD1) && amb.err().contains(OLD2));
        Fixture.Result unknown = fx.run(ws, "show", "nope");
        assertEquals(1, unknown.code());
        assertEquals("continuum: no session matches 'nope' (see 'continuum list')\n", unknown.err());
    }

    @Test
    void showSummarisesMetadataFilesAndConversation() {
        String out = fx.run(ws, "show", saved).out();
        assertTrue(out.contains("  Description:   parser refactor\n"), out);
        assertTrue(out.contains("  Host:          testhost (6.1.0-test"), out);
        assertTrue(out.contains("  Changes:       uncommitted changes, 4 changed, 4 untracked, 1 unpushed commit(s)\n"), out);
        assertTrue(out.contains("  Left out:      .env: looks like a secret"), out);
        assertTrue(out.contains("workspace.bundle ("), out);
        assertTrue(out.contains(", subagents/ (2 files, "), out); // a folder's files as one entry
        assertFalse(out.contains("agent-a1"), out);
        assertTrue(out.contains("  Agent session: " + AGENT + "\n"), out);
        assertTrue(out.contains("  First prompt:  Refactor the parser please\n"), out);
        assertTrue(out.contains("  Last reply:    Done: 2\n"), out);
        assertTrue(out.contains("  Tools used:    Bash ×2\n"), out);
    }

    @Test
    void showReadsOriginalFormatSessions() {
        Fixture.Result r = fx.run(ws, "show", OLD1);
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  First prompt:  fix the login bug\n"), r.out());
        assertTrue(r.out().contains("  Git:           branch main\n"), r.out());
    }

    @Test
    void transcriptIsRenderedAsTurnsWithoutRawJson() {
        Fixture.Result r = fx.run(ws, "show", saved, "--transcript");
        assertEquals(0, r.code(), r.all());
        String out = r.out();
        assertTrue(out.contains("── user · 2026-11-24T10:00:01.000Z\nRefactor the parser please\n"), out);
        assertTrue(out.contains("── assistant · "), out);
        assertTrue(out.contains("Done: 1\n  → Bash: ls\n"), out);
        assertFalse(out.lines().anyMatch(l -> l.startsWith("{")), out);
    }

    @Test
    void showJsonHasTheFilesAndTranscriptSummary() throws Exception {
        JsonNode j = Json.COMPACT.readTree(fx.run(ws, "show", saved, "--json").out());
        assertEquals(saved, j.path("session_id").asText());
        assertTrue(j.path("files").has("workspace.bundle"));
        assertTrue(j.path("files").has("subagents/agent-a1.jsonl")); // every file, as the text does not
        assertEquals(2, j.path("transcript").path("tools").path("Bash").asInt());
    }
}
