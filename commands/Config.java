package commands;

import java.util.concurrent.Callable;
import lib.term.Console;
import lib.term.Text;
import lib.vault.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "config", description = "Show or change continuum's settings (kept in the vault).",
        footerHeading = "%nExamples:%n",
        footer = {"  continuum config                     show them", "  continuum config auto-save off       the session-end hook then saves nothing",
                "", "Environment: CONTINUUM_HOME (the vault)."})
public class Config extends Verb implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "auto-save")
    String name;
    @Parameters(index = "1", arity = "0..1", paramLabel = "on|off", description = "The new value.")
    String value;

    @Override
    public Integer call() throws Exception {
        if (name != null && !name.equals("auto-save")) {
            throw usage("unknown setting '" + Text.oneLine(name, 40) + "' (known: auto-save)");
        }
        if (value != null && !value.equals("on") && !value.equals("off")) {
            throw usage("auto-save is 'on' or 'off', not '" + Text.oneLine(value, 40) + "'");
        }
        Console console = console(false);
        try (Vault vault = Vault.open(env(), value == null ? Vault.Need.LOCAL : Vault.Need.CREATE, console)) {
            if (value != null) {
                vault.setAutoSave(value.equals("on"));
                console.ok("auto-save is " + value + (value.equals("on") ? ": a session is saved when it ends"
                        : ": the session-end hook saves nothing"));
            } else {
                out().println("auto-save = " + (vault.autoSave() ? "on" : "off"));
            }
        }
        return 0;
    }
}
