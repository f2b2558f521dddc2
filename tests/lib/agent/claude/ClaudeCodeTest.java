package lib.agent.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import lib.agent.Agent;
import lib.agent.JsonlCopy;
import lib.base.Env;
import lib.base.UserError;
import lib.secrets.Redactor;
import lib.session.LineSink;
import lib.session.SessionFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.FixtureTest;
import support.Transcripts;

class ClaudeCodeTest extends FixtureTest {
    static final String A = "11111111-1111-4111-8111-111111111111";
    static final String B = "22222222-2222-4222-8222-222222222222";
    static final String C = "33333333-3333-4333-8333-333333333333";
    Path ws;
    ClaudeCode claude;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.dir("my project.v2");
        claude = new ClaudeCode(fx.env(ws));
        Path a = Transcripts.write(fx.claude(), ws, A, "old session");
        Path b = Transcripts.write(fx.claude(), ws, B, "newer session");
        Files.setLastModifiedTime(a, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(b, FileTime.fromMillis(2_000_000));
        Transcripts.write(fx.claude(), fx.dir("elsewhere"), C, "started in another folder");
    }

    @Test
    void projectFolderNameReplacesEveryNonAlphanumeric() {
        assertEquals(ws.toString().replaceAll("[^A-Za-z0-9]", "-"), ClaudeCode.encode(ws));
        assertTrue(ClaudeCode.encode(ws).endsWith("-my-project-v2"));
    }

    @Test
    void explicitSessionWinsOverEverything() {
        var f = new ClaudeCode(fx.env(ws).with("CLAUDE_SESSION_ID", B)).find(ws, A).orElseThrow();
        assertEquals(A, f.id());
        assertEquals("--session", f.foundBy());
    }

    @Test
    void explicitSessionIsFoundInAnotherProjectFolder() {
        var f = claude.find(ws, C).orElseThrow();
        assertTrue(f.transcript().toString().contains("elsewhere"));
    }

    @Test
    void environmentSessionIdComesNext() {
        var f = new ClaudeCode(fx.env(ws).with("CLAUDE_SESSION_ID", A)).find(ws, null).orElseThrow();
        assertEquals(A, f.id());
        assertEquals("CLAUDE_SESSION_ID", f.foundBy());
        var g = new ClaudeCode(fx.env(ws).with("CLAUDE_CODE_SESSION_ID", A)).find(ws, null).orElseThrow();
        assertEquals(A, g.id(), "the variable Claude Code sets for the commands it runs");
        assertEquals("CLAUDE_CODE_SESSION_ID", g.foundBy());
    }

    @Test
    void parentProcessPidFileComesBeforeNewestFile() throws Exception {
        long parentPid = ProcessHandle.current().parent().orElseThrow().pid();
        Files.createDirectories(claude.sessionsDir());
        Files.writeString(claude.sessionsDir().resolve(parentPid + ".json"),
                "{\"pid\":" + parentPid + ",\"sessionId\":\"" + A + "\",\"cwd\":\"" + ws + "\"}");
        var f = claude.find(ws, null).orElseThrow();
        assertEquals(A, f.id());
        assertTrue(f.foundBy().startsWith("parent process"));
    }

    @Test
    void newestTranscriptOfTheProjectIsTheFallback() {
        var f = claude.find(ws, null).orElseThrow();
        assertEquals(B, f.id());
    }

    @Test
    void nothingFoundIsEmptyNotAnError() throws Exception {
        assertTrue(claude.find(fx.dir("empty"), null).isEmpty());
    }

    @Test
    void invalidSessionValueIsAClearError() {
        UserError e = assertThrows(UserError.class, () -> claude.find(ws, "../../etc/passwd"));
        assertTrue(e.getMessage().contains("UUID"));
    }

    @Test
    void claudeConfigDirReplacesHomeDotClaude() throws Exception {
        Path other = fx.dir("cfg");
        Transcripts.write(other, ws, C, "from CLAUDE_CONFIG_DIR");
        Env env = fx.env(ws).with("CLAUDE_CONFIG_DIR", other.toString());
        var f = new ClaudeCode(env).find(ws, null).orElseThrow();
        assertEquals(C, f.id());
    }

    @Test
    void copyKeepsEveryLineIncludingUnknownTypesAndCountsMessages() throws Exception {
        Path src = claude.projectDir(ws).resolve(B + ".jsonl");
                Agent.Copied c = claude.save(claude.find(ws, B).orElseThrow(), SessionFolder.at(fx.dir("s")), new Redactor());
        List<String> original = Files.readAllLines(src);
        assertEquals(original, Files.readAllLines(fx.root.resolve("s/conversation.jsonl")));
        assertEquals(original.size(), c.lines());
        assertEquals(2, c.messages());
        assertFalse(c.tornTail());
    }

    @Test
    void aCutLastLineIsKeptAndReported() throws Exception {
        Path src = fx.root.resolve("cut.jsonl");
        Files.writeString(src, "{\"type\":\"user\",\"message\":{}}\n{\"type\":\"assistant\",\"mess");
        JsonlCopy.Result c;
        try (LineSink out = LineSink.toFile(fx.root.resolve("out.jsonl"))) {
            c = JsonlCopy.copy(src, out, new Redactor(), line -> true);
        }
        assertTrue(c.tornTail());
        assertEquals(2, c.lines());
        assertEquals(Files.readString(src), Files.readString(fx.root.resolve("out.jsonl")), "kept byte for byte");
    }
}
