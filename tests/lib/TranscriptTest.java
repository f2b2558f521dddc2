package lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.FixtureTest;
import support.Transcripts;

class TranscriptTest extends FixtureTest {
    static final String A = "11111111-1111-4111-8111-111111111111";
    static final String B = "22222222-2222-4222-8222-222222222222";
    static final String C = "33333333-3333-4333-8333-333333333333";
    Path ws;
    ClaudeCode claude;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.dir("my project.v2");
        claude = new ClaudeCode(fx.claude());
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
        var f = Transcript.locate(claude, ws, A, fx.env(ws).with("CLAUDE_SESSION_ID", B)).orElseThrow();
        assertEquals(A, f.sessionId());
        assertEquals("--session", f.how());
    }

    @Test
    void explicitSessionIsFoundInAnotherProjectFolder() {
        var f = Transcript.locate(claude, ws, C, fx.env(ws)).orElseThrow();
        assertTrue(f.file().toString().contains("elsewhere"));
    }

    @Test
    void environmentSessionIdComesNext() {
        var f = Transcript.locate(claude, ws, null, fx.env(ws).with("CLAUDE_SESSION_ID", A)).orElseThrow();
        assertEquals(A, f.sessionId());
        assertEquals("CLAUDE_SESSION_ID", f.how());
    }

    @Test
    void parentProcessPidFileComesBeforeNewestFile() throws Exception {
        long parentPid = ProcessHandle.current().parent().orElseThrow().pid();
        Files.createDirectories(claude.sessionsDir());
        Files.writeString(claude.sessionsDir().resolve(parentPid + ".json"),
                "{\"pid\":" + parentPid + ",\"sessionId\":\"" + A + "\",\"cwd\":\"" + ws + "\"}");
        var f = Transcript.locate(claude, ws, null, fx.env(ws)).orElseThrow();
        assertEquals(A, f.sessionId());
        assertTrue(f.how().startsWith("parent process"));
    }

    @Test
    void newestTranscriptOfTheProjectIsTheFallback() {
        var f = Transcript.locate(claude, ws, null, fx.env(ws)).orElseThrow();
        assertEquals(B, f.sessionId());
    }

    @Test
    void nothingFoundIsEmptyNotAnError() throws Exception {
        assertTrue(Transcript.locate(claude, fx.dir("empty"), null, fx.env(ws)).isEmpty());
    }

    @Test
    void invalidSessionValueIsAClearError() {
        UserError e = assertThrows(UserError.class, () -> Transcript.locate(claude, ws, "../../etc/passwd", fx.env(ws)));
        assertTrue(e.getMessage().contains("UUID"));
    }

    @Test
    void claudeConfigDirReplacesHomeDotClaude() throws Exception {
        Path other = fx.dir("cfg");
        Transcripts.write(other, ws, C, "from CLAUDE_CONFIG_DIR");
        Env env = fx.env(ws).with("CLAUDE_CONFIG_DIR", other.toString());
        var f = Transcript.locate(ClaudeCode.of(env), ws, null, env).orElseThrow();
        assertEquals(C, f.sessionId());
    }

    @Test
    void copyKeepsEveryLineIncludingUnknownTypesAndCountsMessages() throws Exception {
        Path src = claude.projectDir(ws).resolve(B + ".jsonl");
        Path dest = fx.root.resolve("copy.jsonl");
        Transcript.Copied c = Transcript.copyRedacted(src, dest, new Redactor());
        List<String> original = Files.readAllLines(src);
        assertEquals(original, Files.readAllLines(dest));
        assertEquals(original.size(), c.lines());
        assertEquals(2, c.messages());
        assertFalse(c.truncatedLastLine());
    }

    @Test
    void aCutLastLineIsKeptAndReported() throws Exception {
        Path src = fx.root.resolve("cut.jsonl");
        Files.writeString(src, "{\"type\":\"user\",\"message\":{}}\n{\"type\":\"assistant\",\"mess");
        Transcript.Copied c = Transcript.copyRedacted(src, fx.root.resolve("out.jsonl"), new Redactor());
        assertTrue(c.truncatedLastLine());
        assertEquals(2, c.lines());
        assertTrue(Files.readString(fx.root.resolve("out.jsonl")).contains("\"mess"));
    }
}
