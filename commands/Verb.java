package commands;

import java.io.PrintWriter;
import lib.base.Env;
import lib.term.Console;
import lib.term.Terminal;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every verb shares: the environment it runs in and where it prints. */
abstract class Verb {
    @Spec
    CommandSpec spec;

    Env env() {
        return ((Continuum) spec.root().userObject()).env();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** continuum's ✓/⚠ lines; coloured only on a terminal without NO_COLOR; silent (collecting warnings) when quiet. */
    Console console(boolean quiet) {
        return new Console(out(), quiet, Terminal.color(env()));
    }

    /** A usage error found after parsing: one line and exit status 2, like picocli's own. */
    picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }
}
