package commands;

import java.nio.file.Path;
import lib.base.Env;
import picocli.CommandLine.Option;

/** --workspace DIR, shared by the verbs that work on one project; relative to the current folder. */
public class WorkspaceOption {
    @Option(names = "--workspace", paramLabel = "DIR", description = "The project folder (default: the current folder).")
    Path dir;

    /** The folder asked for, or null when none was. */
    Path asked(Env env) {
        return dir == null ? null : env.cwd().resolve(dir).normalize();
    }

    /** The folder asked for, else the current one. */
    Path orCurrent(Env env) {
        return dir == null ? env.cwd() : asked(env);
    }
}
