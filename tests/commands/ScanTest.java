package commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import support.Fixture;
import support.FixtureTest;
import support.Transcripts;

/** `continuum scan` shows what a save would redact; a team's own gitleaks rules join the built-in ones. */
class ScanTest extends FixtureTest {
    static final String TOKEN = "ghp_" + "Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8";
    static final String AGENT = "5ca05ca0-1111-4222-8333-444455556666";

    @Test
    void aFileIsScannedLineByLineWithTheSecretMasked() throws Exception {
        Path f = fx.root.resolve("notes.txt");
        Files.writeString(f, "nothing here\nexport GH=" + TOKEN + "\nDB_PASSWORD=hunter2hunter2\n");
        Fixture.Result r = fx.run(fx.root, "scan", f.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains(f + ":2  github_token           ghp_…(40 chars)"), r.out());
        assertTrue(r.out().contains(f + ":3  secret_assignment      hunt…(14 chars)"), r.out());
        assertTrue(r.out().endsWith("2 secret(s) would be redacted.\n"), r.out());
        assertFalse(r.out().contains(TOKEN));
    }

    @Test
    void standardInputAndATranscriptLineAreReadAsTheUserSawThem() {
        String line = "{\"type\":\"user\",\"message\":{\"content\":\"first line\\n" + TOKEN + " at a line start\"}}\n";
        Fixture.Result r = fx.runAtTerminal(fx.root, line, "scan", "-");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("stdin:1  github_token"), r.out());
        assertTrue(fx.runAtTerminal(fx.root, "just text\n", "scan").out().contains("No secrets found."));
    }

    @Test
    void aTeamsGitleaksRulesProtectItsVaultToo() throws Exception {
        Path ws = fx.project();
        Files.writeString(ws.resolve(".gitleaks.toml"), """
                title = "acme"
                [extend]
                useDefault = true

                [[rules]]
                id = "acme-internal-token"
                description = "ACME deploy tokens"
                regex = '''acme_(?P<secret>[0-9]{4}-[0-9]{8})'''
                secretGroup = 1
                keywords = ["acme_"]

                [allowlist]
                stopwords = ["not-a-secret"]
                """);
        String acme = "acme_2026-12345678";
        Transcripts.write(fx.claude(), ws, AGENT, "deploy with " + acme, "and API_TOKEN=not-a-secret-9f8e7d6c5b4a3f2e");
        Files.writeString(ws.resolve("deploy.sh"), "curl -H 'X-Token: " + acme + "' https://deploy.acme\n");
        Fixture.Result r = fx.run(ws, "save", "--session", AGENT, "--no-wip-push");
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("  ⚠ Left out deploy.sh: holds a secret (acme-internal-token;"), r.out());
        Path conv = fx.vault().resolve("sessions").resolve(r.sessionId()).resolve("conversation.jsonl");
        String saved = Files.readString(conv);
        assertFalse(saved.contains("2026-12345678"), saved);
        assertTrue(saved.contains("acme_[REDACTED:acme-internal-token]"), saved);
        assertTrue(saved.contains("not-a-secret-9f8e7d6c5b4a3f2e"), "the team's allow-list is honoured");
        Fixture.Result scan = fx.run(ws, "scan", "deploy.sh");
        assertTrue(scan.out().contains("deploy.sh:1  acme-internal-token"), scan.out());
    }

    @Test
    void aBrokenRulesFileIsOneLineBeforeTheSave() throws Exception {
        Path ws = fx.project();
        Files.writeString(ws.resolve(".gitleaks.toml"), "[[rules]]\nid = \"x\"\nregex = '''(unclosed'''\n");
        Fixture.Result r = fx.run(ws, "save");
        assertEquals(1, r.code(), r.all());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("continuum: " + ws.toRealPath().resolve(".gitleaks.toml") + ": rule 'x' has a regular expression"), r.err());
        Files.writeString(ws.resolve(".gitleaks.toml"), "[[rules]\nnot toml");
        assertTrue(fx.run(ws, "save").err().contains("is not a TOML rules file"));
    }
}
