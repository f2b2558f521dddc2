package commands;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import lib.Env;
import lib.Errors;
import lib.SessionSaver;
import lib.UserError;
import org.eclipse.jgit.util.FS;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "continuum", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Save an AI coding session (conversation + exact git state) to a private vault, "
                + "and pick it up anywhere.",
        subcommands = {Save.class, ListSessions.class, Show.class, Resume.class, Sync.class, Init.class, DoctorCommand.class,
                InstallCommand.class, CommandLine.HelpCommand.class})
public class Continuum implements Runnable {
    private final Env env;

    public Continuum(Env env) {
        this.env = env;
    }

    public Env env() {
        return env;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (try 'continuum --help')");
    }

    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        return run(Env.system(), out, err, args);
    }

    /** The whole CLI, in-process: tests call this with their own environment and writers. */
    public static int run(Env env, PrintWriter out, PrintWriter err, String... args) {
        // JGit would otherwise measure file-time resolution in the foreground on first use.
        FS.FileStoreAttributes.setBackground(true);
        // The JDK's SHA-1 (CPU intrinsics) is several times faster than JGit's collision-detecting
        // one; every object hashed here comes from the user's own disk or their own vault.
        if (System.getProperty("org.eclipse.jgit.util.sha1.implementation") == null) {
            System.setProperty("org.eclipse.jgit.util.sha1.implementation", "jdkNative");
        }
        CommandLine cl = new CommandLine(new Continuum(env));
        cl.setOut(out).setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserError) {
                err.println("continuum: " + ex.getMessage());
            } else {
                err.println("continuum: unexpected error: " + Errors.oneLine(ex));
                if (env.get("CONTINUUM_DEBUG") != null) {
                    ex.printStackTrace(err);
                }
            }
            err.flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
