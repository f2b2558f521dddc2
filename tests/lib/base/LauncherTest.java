package lib.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
    @Test
    void theInstalledCommandsJvmOptionsStartThisJvm() throws Exception {
        // A JVM refuses to start on an option it does not know: the installed command would be dead.
        for (int cores : new int[] {1, 2, 8}) {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(Launcher.jvmOptions(System.getProperty("os.name"), cores));
            cmd.add("-Xlog:disable");
            cmd.add("-version");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), cores + " cores: " + out);
        }
    }

    @Test
    void oneQuickCompilerThreadOnAMachineOfTwoCoresOrFewer() {
        assertEquals(List.of("-XX:CICompilerCount=1"),
                Launcher.jvmOptions("Linux", 2).stream().filter(o -> o.contains("CICompilerCount")).toList());
        assertEquals(List.of("-XX:CICompilerCount=1"),
                Launcher.jvmOptions("Linux", 1).stream().filter(o -> o.contains("CICompilerCount")).toList());
        // More cores leave the JVM's own choice (more compiler threads, on cores that would sit idle).
        assertFalse(String.join(" ", Launcher.jvmOptions("Linux", 4)).contains("CICompilerCount"));
    }

    @Test
    void aClassListNamesTheWorkClassInEachJavasFormat(@TempDir Path dir) throws Exception {
        // Java 17 writes a class's name alone on its line, Java 21 and later add its number.
        assertEquals(List.of(true, true, false, false), List.of(
                names(dir, "java/lang/Object\nlib/ResumeCommand\n"),
                names(dir, "java/lang/Object id: 0\nlib/ResumeCommand id: 412\n"),
                names(dir, "lib/ResumeCommand$Conversation\nlib/ResumeCommandX id: 3\n"),
                names(dir, "@lambda-proxy lib/ResumeCommand apply ()V\n")));
    }

    @Test
    void listsOfTwoRunsMergeIntoOneTheJvmTakes(@TempDir Path dir) throws Exception {
        // Two Java 21 runs number the same classes apart: the merged list has each class once, unnumbered.
        Files.writeString(dir.resolve("classes-save"), "java/lang/Object id: 0\nlib/SaveCommand id: 7\n@lambda-proxy a/B run ()V\n");
        Files.writeString(dir.resolve("classes.5"), "java/lang/Object id: 0\nlib/ResumeCommand id: 7\nlib/SaveCommand\n");
        Process p = new ProcessBuilder("sh", "-c", Launcher.merged("classes-* classes.5", "all")).directory(dir.toFile()).start();
        assertEquals(0, p.waitFor());
        assertEquals(List.of("java/lang/Object", "lib/SaveCommand", "@lambda-proxy a/B run ()V", "lib/ResumeCommand"),
                Files.readAllLines(dir.resolve("all")));
    }

    private static boolean names(Path dir, String list) throws Exception {
        Path file = Files.writeString(dir.resolve("classes.1"), list);
        Process p = new ProcessBuilder("sh", "-c", Launcher.names("lib/ResumeCommand", Shell.word(file.toString()))).start();
        return p.waitFor() == 0;
    }

    @Test
    void aCommandWhoseCheckoutIsGoneSaysSoOnOneLine(@TempDir Path dir) throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("my clone"));
        Launcher.install(checkout, dir.resolve("bin"));
        Files.delete(checkout); // moved away after the install
        Process p = new ProcessBuilder(dir.resolve("bin/ccc").toString(), "latest").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(1, p.waitFor());
        assertEquals("continuum: the checkout at " + checkout + " is gone (moved or deleted); run './jbang continuum.java install'"
                + " in a clone to install it again\n", out);
    }

    @Test
    void hugePagesAreAskedForOnLinuxOnly() {
        // -XX:+UseTransparentHugePages exists only in Linux JVMs; elsewhere it stops the JVM.
        assertFalse(Launcher.jvmOptions("Mac OS X", 2).contains("-XX:+UseTransparentHugePages"));
        assertFalse(Launcher.jvmOptions("Windows 11", 2).contains("-XX:+UseTransparentHugePages"));
        assertEquals(List.of("-XX:+UseTransparentHugePages"),
                Launcher.jvmOptions("Linux", 2).stream().filter(o -> o.contains("HugePages")).toList());
    }
}
