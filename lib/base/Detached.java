package lib.base;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts continuum again as a process of its own that outlives this one (its own session, no
 * terminal, output appended to a log): for work that must not hold up the agent that asked for it.
 */
public final class Detached {
    private Detached() {
    }

    /** Starts `continuum ARGS` in the background; false when this copy cannot be started again. */
    public static boolean start(Env env, Path log, List<String> args) throws IOException {
        List<String> launcher = Launcher.argv(env);
        if (launcher.isEmpty()) {
            return false;
        }
        List<String> cmd = new ArrayList<>();
        Path setsid = env.findOnPath("setsid");
        if (setsid != null) {
            cmd.add(setsid.toString()); // a session of its own: the agent's exit does not take it along
        }
        cmd.addAll(launcher);
        cmd.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(env.cwd().toFile());
        pb.environment().clear();
        pb.environment().putAll(env.vars());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectErrorStream(true);
        pb.start();
        return true;
    }
}
