package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import lib.base.FileUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.Cli;
import support.Fixture;
import support.FixtureTest;
import support.LaunchFolder;
import support.Repos;
import support.Snapshot;
import support.Transcripts;

/** The README's commands, run as a user runs them: through ./jbang, in their own processes. */
class ReadmeCommandsTest extends FixtureTest {
    static final String AGENT = "e2e00000-aaaa-4bbb-8ccc-dddddddddddd";
    Path ws;

    @BeforeEach
    void setUp() throws Exception {
        ws = fx.project();
        Transcripts.write(fx.claude(), ws, AGENT, "end to end");
    }

    @Test
    void saveThenResumeOnAnotherHomeThroughTheBootstrap() throws Exception {
        Path vaultRemote = fx.useVaultRemote();
        fx.set("CLAUDE_SESSION_ID", AGENT);
        var before = Repos.fingerprint(ws);
        Fixture.Result save = Cli.viaJbang(fx, ws, "save", "-m", "end of day");
        assertEquals(0, save.code(), save.all());
        assertTrue(save.out().startsWith("📸 Creating snapshot...\n  … Fetching your vault from " + vaultRemote
                + "\n  ✓ Saved conversation (claude-code e2e00000)\n"), save.out());
        assertTrue(save.out().contains("  ✓ Pushed to private repo\n"), save.out());
        assertTrue(save.out().endsWith("Sweet dreams! Resume with: ccc\n"), save.out());
        assertEquals(before, Repos.fingerprint(ws), "save left the workspace as it was");

        Snapshot saved = Snapshot.of(ws, Set.of("build", "debug.log", ".env"));
        FileUtil.deleteTree(ws);
        try (Fixture other = new Fixture()) {
            other.set("CONTINUUM_REPO_URL", vaultRemote.toString());
            Path target = other.dir("morning");
            Fixture.Result list = Cli.viaJbang(other, target, "list");
            assertEquals(0, list.code(), list.all());
            assertTrue(list.out().contains("end of day"), list.out());
            Fixture.Result resume = Cli.viaJbang(other, target, "resume", "latest", "--no-launch");
            assertEquals(0, resume.code(), resume.all());
            assertTrue(resume.out().endsWith("  cd " + target + " && claude --resume " + AGENT + "\n"), resume.out());
            assertEquals(saved, Snapshot.of(target, Set.of("build", "debug.log", ".env")));
        }
    }

    @Test
    void usageErrorsAndUserErrorsNeverPrintAStackTrace() throws Exception {
        Files.writeString(fx.home.resolve(".continuum"), "a file where the vault should be");
        Fixture.Result bad = Cli.viaJbang(fx, ws, "save", "--no-such-option");
        assertEquals(2, bad.code(), bad.all());
        Fixture.Result userError = Cli.viaJbang(fx, ws, "save");
        assertEquals(1, userError.code(), userError.all());
        assertTrue(userError.err().startsWith("continuum: the vault path "), userError.err());
        assertTrue(!userError.all().contains("\tat "), userError.all());
    }

    @Test
    void installPutsContinuumAndCccOnPathInOneGo() throws Exception {
        // A cache of its own: as on a machine where no save ran yet, and the launch folder of the
        // checkout's own user (their archive, their class lists) left alone.
        fx.set("XDG_CACHE_HOME", Files.createDirectories(fx.root.resolve("cache")).toString());
        Fixture.Result install = Cli.viaJbang(fx, Cli.repoRoot(), "install");
        assertEquals(0, install.code(), install.all());
        Path bin = fx.home.resolve(".local/bin");
        assertTrue(install.out().contains("  ✓ Installed " + bin.resolve("continuum")), install.out());
        assertTrue(install.out().contains("    export PATH=\"" + bin + ":$PATH\""), install.out());
        assertTrue(Files.isRegularFile(fx.claude().resolve("commands/nightnight.md")));
        // A new shell after the one printed line: both commands work, with nothing else installed.
        var env = new java.util.HashMap<>(Cli.childEnv(fx));
        env.put("PATH", bin + ":/usr/bin:/bin");
        Fixture.Result version = Cli.run(java.util.List.of("sh", "-c", "continuum --version && ccc --help"), env, ws, 300);
        assertEquals(0, version.code(), version.all());
        assertTrue(version.out().startsWith("continuum "), version.out());
        assertTrue(version.out().contains("Usage: continuum resume"), version.out());
        assertFalse(version.all().contains("\u001b["), "no colour when piped");

        // That run through JBang left a class path: the installed command now starts java directly.
        Path launch = LaunchFolder.of(fx, ws, env);
        assertTrue(Files.isRegularFile(launch.resolve("classpath")), "the launch folder is in the test's cache");
        Fixture.Result direct = Cli.run(java.util.List.of("sh", "-c", "continuum doctor"), env, ws, 300);
        assertTrue(direct.out().contains("  ✓ Starts directly on java"), direct.all());
        assertFalse(direct.out().contains("class-data archive"), direct.all());
        // Help alone loads too little to stand for a save or resume: it makes no class list. While an
        // archive is being made (its class list is fresh), a save starts no second one.
        assertEquals(0, Cli.run(java.util.List.of("sh", "-c", "ccc --help"), env, ws, 300).code());
        Path making = launch.resolve("classes.1");
        Files.writeString(making, "");
        assertEquals(0, Cli.run(java.util.List.of("sh", "-c", "continuum save --no-push -m meanwhile"), env, ws, 300).code());
        try (var files = Files.list(launch)) {
            assertEquals(java.util.List.of("classes.1"), files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("classes.") || n.startsWith(lib.base.FastStart.ARCHIVE)).toList());
        }
        Files.delete(making);
        // The first direct save leaves a class-data archive that later starts use, and saves as usual,
        // even when the folder it ran in is gone the moment it returns (a temporary checkout).
        Path gone = Files.createTempDirectory(fx.root, "gone");
        Fixture.Result save = Cli.run(java.util.List.of("sh", "-c", "continuum save --no-push -m archived --workspace "
                + lib.base.Shell.word(ws.toString()) + "; rc=$?; cd / && rm -rf " + lib.base.Shell.word(gone.toString())
                + "; exit $rc"), env, gone, 300);
        assertEquals(0, save.code(), save.all());
        assertTrue(save.out().contains("Session ID: "), save.all());
        // ... made by a JVM in the background, after the save has returned
        Path archive = launch.resolve(lib.base.FastStart.ARCHIVE);
        LaunchFolder.awaitArchive(launch);
        assertTrue(Files.isRegularFile(archive), "no archive after two minutes");
        // The JVM maps it for this class path (-Xshare:on refuses to start on an archive it cannot use),
        // picocli's main class included (see commands.Continuum's handlers).
        Fixture.Result mapped = Cli.run(java.util.List.of(Files.readString(launch.resolve("java")).strip(), "-XX:+UseSerialGC",
                "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load", "-cp",
                Files.readString(launch.resolve("classpath")).strip(), "continuum", "--help"), env, ws, 300);
        assertEquals(0, mapped.code(), mapped.all());
        assertTrue(mapped.out().contains("picocli.CommandLine source: shared objects file"), mapped.out());
        Fixture.Result archived = Cli.run(java.util.List.of("sh", "-c", "continuum doctor && continuum list"), env, ws, 300);
        assertTrue(archived.out().contains("and a class-data archive"), archived.all());
        assertTrue(archived.out().contains("archived"), archived.all());
        assertEquals("", archived.err(), "the JVM's own messages stay quiet");
        // It holds a save's classes; the first direct resume lists its own (the clone's, the
        // checkout's), and a JVM in the background makes the archive again from both lists.
        assertTrue(LaunchFolder.shared(launch).contains(" lib.workspace.Capture app_loader"), "a save's classes");
        assertFalse(LaunchFolder.shared(launch).contains(" lib.ResumeCommand app_loader"), "no resume ran yet");
        // A resume that shows the picker and quits restores nothing: its classes do not stand for a
        // resume's, and it leaves no list (the next resume that restores is the one listed).
        Fixture.Result quit = Cli.run(java.util.List.of("sh", "-c", "printf 'q\\n' | script -qec 'ccc --no-launch' /dev/null"),
                env, ws, 300);
        assertEquals(0, quit.code(), quit.all());
        assertTrue(quit.out().contains("Nothing restored."), quit.all());
        try (var files = Files.list(launch)) {
            assertEquals(java.util.List.of("classes-save"), files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("classes")).toList(), "a picker quit is no resume's training");
        }
        Fixture.Result resume = Cli.run(java.util.List.of("sh", "-c", "ccc latest --no-launch --workspace "
                + lib.base.Shell.word(Files.createTempDirectory(fx.root, "morning").toString())), env, ws, 300);
        assertEquals(0, resume.code(), resume.all());
        LaunchFolder.awaitDump(launch);
        String both = LaunchFolder.shared(launch);
        assertTrue(both.contains(" lib.ResumeCommand app_loader") && both.contains(" lib.workspace.Capture app_loader"),
                "a resume's classes and a save's");
        // Each verb lists its classes once: later saves and resumes start on the archive and list nothing.
        var made = Files.getLastModifiedTime(archive);
        assertEquals(0, Cli.run(java.util.List.of("sh", "-c", "ccc latest --no-launch --workspace "
                + lib.base.Shell.word(Files.createTempDirectory(fx.root, "again").toString())
                + " && continuum save --no-push -m later"), env, ws, 300).code());
        assertEquals(made, Files.getLastModifiedTime(archive));
        try (var files = Files.list(launch)) {
            assertEquals(java.util.List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("classes.")).toList());
        }
        // An archive the JVM refuses (a JDK updated in place, a damaged file) is dropped by the first
        // start it was given to, and the next direct save makes a new one.
        LaunchFolder.damage(archive);
        Fixture.Result refused = Cli.run(java.util.List.of("sh", "-c", "continuum list"), env, ws, 300);
        assertTrue(refused.out().contains("archived"), refused.all());
        assertEquals("", refused.err(), refused.all());
        assertFalse(Files.exists(archive), "a refused archive is dropped");
        assertEquals(0, Cli.run(java.util.List.of("sh", "-c", "continuum save --no-push -m again"), env, ws, 300).code());
        LaunchFolder.awaitArchive(launch);
        assertTrue(Files.isRegularFile(archive), "made again " + java.util.Arrays.toString(launch.toFile().list()));
        assertEquals(0, Cli.run(java.util.List.of("sh", "-c", "continuum list"), env, ws, 300).code());
        Path refusal = launch.resolve(lib.base.FastStart.ARCHIVE + ".refused");
        assertFalse(Files.exists(refusal), "a start that used the new archive forgets the refusal");
        // A later JDK update: refused once more, and made again by the next save.
        LaunchFolder.damage(archive);
        assertEquals(0, Cli.run(java.util.List.of("sh", "-c", "continuum list"), env, ws, 300).code());
        assertFalse(Files.exists(archive));
        assertFalse(Files.exists(launch.resolve(lib.base.FastStart.ARCHIVE + ".failed")), "one refusal stops nothing");
        // Refused again right after being made (no start could use it): this JVM will not use one.
        assertEquals(0, Cli.run(java.util.List.of("sh", "-c", "continuum save --no-push -m twice"), env, ws, 300).code());
        LaunchFolder.awaitArchive(launch);
        LaunchFolder.damage(archive);
        assertEquals(0, Cli.run(java.util.List.of("sh", "-c", "continuum list"), env, ws, 300).code());
        assertFalse(Files.exists(archive));
        assertTrue(Files.exists(launch.resolve(lib.base.FastStart.ARCHIVE + ".failed")), "no more archives until a compile");
        // An edit to the checkout since (its class path older than a source file): through JBang again.
        Files.writeString(launch.resolve("classes.99"), "lib/SaveCommand\n"); // a killed run's list
        Files.setLastModifiedTime(launch.resolve("classpath"), java.nio.file.attribute.FileTime.fromMillis(0));
        Fixture.Result again = Cli.run(java.util.List.of("sh", "-c", "continuum doctor"), env, ws, 300);
        assertTrue(again.out().contains("  ✓ Started through JBang"), again.all());
        assertFalse(Files.exists(launch.resolve(lib.base.FastStart.ARCHIVE)), "an archive of the old classes is dropped");
        assertFalse(Files.exists(launch.resolve("classes-save")) || Files.exists(launch.resolve("classes-resume"))
                || Files.exists(launch.resolve("classes.99")), "and the lists of them, a killed run's too");
        assertTrue(Cli.run(java.util.List.of("sh", "-c", "continuum doctor"), env, ws, 300).out().contains("  ✓ Starts directly on java"));
        // A find that cannot do the stamp check (one without -quit) sends the command through JBang.
        Path fakeBin = Files.createDirectories(fx.root.resolve("old-find"));
        Files.writeString(fakeBin.resolve("find"), "#!/bin/sh\necho 'find: unknown predicate -quit' >&2\nexit 1\n");
        fakeBin.resolve("find").toFile().setExecutable(true);
        var oldFind = new java.util.HashMap<>(env);
        oldFind.put("PATH", fakeBin + ":" + env.get("PATH"));
        Fixture.Result viaJbang = Cli.run(java.util.List.of("sh", "-c", "continuum doctor"), oldFind, ws, 300);
        assertTrue(viaJbang.out().contains("  ✓ Started through JBang"), viaJbang.all());
        // The java the launch folder names is gone (its JDK uninstalled once another came): through
        // JBang, which runs on the java there is now; the next start is direct on that one.
        Path recorded = launch.resolve("java");
        Files.writeString(recorded, fx.root.resolve("uninstalled-jdk/bin/java") + "\n");
        Fixture.Result noJava = Cli.run(java.util.List.of("sh", "-c", "continuum doctor"), env, ws, 300);
        assertTrue(noJava.out().contains("  ✓ Started through JBang"), noJava.all());
        assertTrue(Files.isExecutable(Path.of(Files.readString(recorded).strip())), Files.readString(recorded));
        assertTrue(Cli.run(java.util.List.of("sh", "-c", "continuum doctor"), env, ws, 300).out().contains("  ✓ Starts directly on java"));
        // A jar of the class path is gone (a cache cleared: JBang's, Maven's, this one's copies): the
        // same, and the copy is made again.
        Path copy;
        try (var jars = Files.list(launch.resolve("jars"))) {
            copy = jars.filter(j -> j.getFileName().toString().startsWith("org.eclipse.jgit-")).findFirst().orElseThrow();
        }
        Files.delete(copy);
        Fixture.Result noJar = Cli.run(java.util.List.of("sh", "-c", "continuum doctor"), env, ws, 300);
        assertTrue(noJar.out().contains("  ✓ Started through JBang"), noJar.all());
        assertTrue(Files.isRegularFile(copy), "the copy is made again");
        assertTrue(Cli.run(java.util.List.of("sh", "-c", "continuum doctor"), env, ws, 300).out().contains("  ✓ Starts directly on java"));
    }
}
