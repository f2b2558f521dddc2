package lib.base;

import java.io.IOException;
import java.util.List;

/** The shell's side of things: how a word is written for it, and running a program in its place. */
public final class Shell {
    private Shell() {
    }

    /** s as one shell word: as it is when safe, else single-quoted. */
    public static String word(String s) {
        return s.matches("[A-Za-z0-9_./@%+=:,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** Runs a program in dir with this terminal and environment, and returns its exit status. */
    public static int runInherited(List<String> command, java.nio.file.Path dir, Env env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).inheritIO();
        pb.environment().putAll(env.vars());
        return pb.start().waitFor();
    }
}
