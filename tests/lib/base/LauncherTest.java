package lib.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherTest {
    @Test
    void theInstalledCommandsJvmOptionsStartThisJvm() throws Exception {
        // A JVM refuses to start on an option it does not know: the installed command would be dead.
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Launcher.jvmOptions(System.getProperty("os.name")));
        cmd.add("-Xlog:disable");
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void hugePagesAreAskedForOnLinuxOnly() {
        // -XX:+UseTransparentHugePages exists only in Linux JVMs; elsewhere it stops the JVM.
        assertFalse(Launcher.jvmOptions("Mac OS X").contains("-XX:+UseTransparentHugePages"));
        assertFalse(Launcher.jvmOptions("Windows 11").contains("-XX:+UseTransparentHugePages"));
        assertEquals(List.of("-XX:+UseTransparentHugePages"),
                Launcher.jvmOptions("Linux").stream().filter(o -> o.contains("HugePages")).toList());
    }
}
