package commands;

import java.io.PrintWriter;
import lib.Console;
import lib.Env;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every verb shares: the environment it runs in and where it prints. */
abstract class Verb {
    @ParentCommand
    Continuum parent;
    @Spec
    CommandSpec spec;

    Env env() {
        return parent.env();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The seed's ✓/⚠ lines; coloured only on a terminal without NO_COLOR. */
    Console console(boolean quiet) {
        return new Console(out(), quiet, Terminal.color(env()));
    }
}
