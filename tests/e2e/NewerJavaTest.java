package e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import support.Cli;
import support.Fixture;
import support.FixtureTest;
import support.LaunchFolder;

/** The installed command on a newer Java than the one the tests run on, when this machine has one. */
class NewerJavaTest extends FixtureTest {
    @Test
    void onJava21OrLaterTheArchiveHoldsASavesClassesAndAResumes() throws Exception {
        // Java 21 and later write class lists in another format (each class numbered): the installed
        // command must still keep both verbs' lists and make one archive of them.
        Path ws = fx.project();
        Path jdk = newerJava(21);
        Assumptions.assumeTrue(jdk != null, "no Java 21 or later beside this one ("
                + Path.of(System.getProperty("java.home")).getParent() + "): LauncherTest covers its class lists' format");
        var env = new HashMap<>(Cli.childEnv(fx));
        Path bin = fx.root.resolve("bin21");
        env.put("JAVA_HOME", jdk.toString());
        env.put("XDG_CACHE_HOME", Files.createDirectories(fx.root.resolve("cache21")).toString());
        env.put("PATH", bin + ":" + jdk.resolve("bin") + ":/usr/bin:/bin");
        Fixture.Result install = Cli.run(List.of(Cli.repoRoot().resolve("jbang").toString(),
                Cli.repoRoot().resolve("continuum.java").toString(), "install", "--bin", bin.toString()), env, ws, 300);
        assertEquals(0, install.code(), install.all());
        Path launch = LaunchFolder.of(fx, ws, env);
        assertEquals(jdk.resolve("bin/java").toString(), Files.readString(launch.resolve("java")).strip());

        assertEquals(0, Cli.run(List.of("sh", "-c", "continuum save --no-push -m newer"), env, ws, 300).code());
        LaunchFolder.awaitArchive(launch);
        Fixture.Result resume = Cli.run(List.of("sh", "-c", "ccc latest --no-launch --workspace "
                + lib.base.Shell.word(Files.createTempDirectory(fx.root, "morning").toString())), env, ws, 300);
        assertEquals(0, resume.code(), resume.all());
        LaunchFolder.awaitDump(launch);
        assertFalse(Files.exists(launch.resolve(lib.base.FastStart.ARCHIVE + ".failed")), "the JVM took the merged lists");
        String both = LaunchFolder.shared(launch);
        assertTrue(both.contains(" lib.ResumeCommand app_loader") && both.contains(" lib.workspace.Capture app_loader"),
                "a resume's classes and a save's");
    }

    /** A JDK of at least this version installed beside the one running the tests, or null. */
    private static Path newerJava(int version) throws Exception {
        try (var jdks = Files.list(Path.of(System.getProperty("java.home")).toRealPath().getParent())) {
            for (Path jdk : (Iterable<Path>) jdks.sorted()::iterator) {
                Path release = jdk.resolve("release");
                if (Files.isRegularFile(release) && Files.isExecutable(jdk.resolve("bin/java"))) {
                    var m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
                    if (m.find() && Integer.parseInt(m.group(1)) >= version) {
                        return jdk;
                    }
                }
            }
        }
        return null;
    }

}
