package commands;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import lib.base.Env;
import lib.base.Errors;
import lib.base.FastStart;
import lib.base.UserError;
import lib.git.InProcessServers;
import lib.session.SessionFolder;
import lib.term.Text;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "continuum", mixinStandardHelpOptions = true, versionProvider = Version.class, scope = ScopeType.INHERIT,
        description = "Save an AI coding session (conversation + exact git state) to a private vault, "
                + "and pick it up anywhere.",
        footerHeading = "%nEnvironment:%n",
        footer = {"  CONTINUUM_HOME       the vault folder (default ~/.continuum)",
                "  CONTINUUM_REPO_URL   the vault's private remote",
                "  NO_COLOR             no colour even on a terminal",
                "  CONTINUUM_DEBUG      print the stack trace of an unexpected error"})
public class Continuum implements Runnable {
    /** The verbs, in the order help lists them. */
    static final java.util.List<Class<?>> VERBS = java.util.List.of(Save.class, List.class, Show.class, Resume.class, Describe.class,
            Scan.class, Sync.class, Prune.class, Migrate.class, Key.class, Config.class, Hook.class, Init.class, Doctor.class,
            Install.class, InstallCommand.class, CommandLine.HelpCommand.class);

    private final Env env;
    @Spec
    CommandSpec spec;

    public Continuum(Env env) {
        this.env = env;
    }

    Env env() {
        return env;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        Env env = Env.system();
        InProcessServers.quiet(env);
        return run(env, out, err, args);
    }

    /** The whole CLI, in-process: tests call this with their own environment and writers. */
    public static int run(Env env, PrintWriter out, PrintWriter err, String... args) {
        FastStart.refresh(env);
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The same lines picocli prints, without the half of this command's time its model costs.
            for (String line : new Version().getVersion()) {
                out.println(line);
            }
            out.flush();
            return 0;
        }
        if (!isVersionOrHelp(args)) {
            // Nearly every verb reads or writes a session: Jackson is made ready on the other core
            // while picocli builds the verb's model on this one. (Warming JGit too gained nothing.)
            SessionFolder.warmUpInBackground();
        }
        CommandLine cl = new CommandLine(new Continuum(env));
        addVerbs(cl, args);
        cl.setOut(out).setErr(err);
        cl.setParameterExceptionHandler(new UsageErrors(err));
        cl.setExecutionExceptionHandler(new Failures(env, err));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * picocli builds a verb's model by reflection, which costs more than the JVM's start: only the
     * verb being run is built; help and anything unknown get them all.
     */
    private static void addVerbs(CommandLine cl, String... args) {
        String first = args.length == 0 ? "" : args[0];
        for (Class<?> verb : VERBS) {
            Command c = verb.getAnnotation(Command.class);
            if (verb != CommandLine.HelpCommand.class && (c.name().equals(first) || java.util.Arrays.asList(c.aliases()).contains(first))) {
                cl.addSubcommand(verb);
                return;
            }
        }
        for (Class<?> verb : VERBS) {
            cl.addSubcommand(verb);
        }
    }

    /*
     * The handlers are named classes, not lambdas. To archive a lambda whose type names picocli's
     * classes, the JVM that makes the class-data archive links them, and linked classes as old as
     * picocli's (Java 5 bytecode) it leaves out: picocli's main class alone would then cost every
     * start ~50 ms to load from its jar.
     */

    /** A usage error: one line, exit 2. */
    private static final class UsageErrors implements CommandLine.IParameterExceptionHandler {
        private final PrintWriter err;

        UsageErrors(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            err.println("continuum: " + usageProblem(ex));
            err.flush();
            return 2;
        }
    }

    /** What a verb threw: the user's mistake in its own words, anything else as unexpected; exit 1. */
    private static final class Failures implements CommandLine.IExecutionExceptionHandler {
        private final Env env;
        private final PrintWriter err;

        Failures(Env env, PrintWriter err) {
            this.env = env;
            this.err = err;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            if (ex instanceof UserError) {
                err.println("continuum: " + Text.safe(ex.getMessage()));
            } else {
                err.println("continuum: unexpected error: " + Text.safe(Errors.oneLine(ex))
                        + " (set CONTINUUM_DEBUG=1 for details)");
                if (env.get("CONTINUUM_DEBUG") != null) {
                    ex.printStackTrace(err);
                }
            }
            err.flush();
            return 1;
        }
    }

    private static boolean isVersionOrHelp(String... args) {
        return args.length == 0 || java.util.List.of("--version", "-V", "--help", "-h", "help").contains(args[0])
                || java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h");
    }

    /** A usage error on one line, with where to read more. */
    private static String usageProblem(CommandLine.ParameterException ex) {
        CommandLine where = ex.getCommandLine();
        String help = "see '" + where.getCommandSpec().qualifiedName() + " --help'";
        String msg = Text.oneLine(ex.getMessage(), 200);
        if (ex instanceof CommandLine.UnmatchedArgumentException u && where.getCommandSpec().parent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            var suggestions = u.getSuggestions();
            msg = "unknown command '" + Text.oneLine(u.getUnmatched().get(0), 40) + "'"
                    + (suggestions.isEmpty() ? "" : " (did you mean '" + suggestions.get(0) + "'?)");
        }
        return msg + "; " + help;
    }
}
