package commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import support.Cli;
import support.Fixture;
import support.FixtureTest;

class InstallCommandTest extends FixtureTest {
    /** An installed `continuum` command on PATH (its contents do not matter here). */
    private void continuumOnPath() throws Exception {
        Path bin = fx.dir("bin");
        Files.writeString(bin.resolve("continuum"), "#!/bin/sh\n");
        bin.resolve("continuum").toFile().setExecutable(true);
        fx.set("PATH", bin.toString());
    }

    @Test
    void writesNightnightOnceAndSaysWhere() throws Exception {
        continuumOnPath();
        Path file = fx.claude().resolve("commands/nightnight.md");
        Fixture.Result first = fx.run(fx.root, "install-command");
        assertEquals(0, first.code(), first.all());
        assertEquals("  ✓ Installed /nightnight at " + file + "\n  ✓ It runs: continuum save\n", first.out());
        Fixture.Result again = fx.run(fx.root, "install-command");
        assertTrue(again.out().startsWith("  ✓ /nightnight is already installed at " + file), again.out());
        String text = Files.readString(file);
        assertTrue(text.contains("description: Save current session to continuum vault\n"), text);
        assertTrue(text.contains("continuum save --session \"${CLAUDE_SESSION_ID}\" --description-from-agent`"), text);
        assertFalse(text.contains("$ARGUMENTS"), "the user's words are never pasted into a shell line");
    }

    @Test
    void withoutContinuumOnPathItPointsAtThisCheckout() throws Exception {
        fx.set("PATH", "/usr/bin:/bin");
        fx.set("CONTINUUM_LAUNCHER", Cli.repoRoot().resolve("jbang").toString());
        fx.run(fx.root, "install-command");
        String text = Files.readString(fx.claude().resolve("commands/nightnight.md"));
        assertTrue(text.contains(Cli.repoRoot().resolve("jbang") + " " + Cli.repoRoot().resolve("continuum.java") + " save --session"), text);
    }

    @Test
    void theRepositoryCopyIsWhatInstallWrites() throws Exception {
        continuumOnPath();
        assertEquals(0, fx.run(fx.root, "install-command").code());
        assertEquals(Files.readString(fx.claude().resolve("commands/nightnight.md")),
                Files.readString(Cli.repoRoot().resolve(".claude/commands/nightnight.md")));
    }
}
