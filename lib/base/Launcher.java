package lib.base;

import java.nio.file.Files;
import java.nio.file.Path;

/** How this copy of continuum can be started again from a shell: by slash commands and hooks. */
public final class Launcher {
    private Launcher() {
    }

    /** "continuum" when it is on PATH, else this checkout's bootstrap and entry file, quoted for a shell. */
    public static String command(Env env) {
        if (env.findOnPath("continuum") != null) {
            return "continuum";
        }
        String bootstrap = env.get("CONTINUUM_LAUNCHER");
        if (bootstrap != null && Files.isRegularFile(Path.of(bootstrap).resolveSibling("continuum.java"))) {
            return Shell.word(bootstrap) + " " + Shell.word(Path.of(bootstrap).resolveSibling("continuum.java").toString());
        }
        return "continuum";
    }
}
