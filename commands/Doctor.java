package commands;

import java.util.concurrent.Callable;
import lib.Checkup;
import lib.term.Text;
import picocli.CommandLine.Command;

@Command(name = "doctor", description = "Check the vault, its sessions and bundles, the remote, the SSH key and the agents; say what to fix.",
        footerHeading = "%nExamples:%n", footer = {"  continuum doctor", "  continuum doctor --fix", "",
                "Environment: CONTINUUM_HOME, CONTINUUM_REPO_URL, CONTINUUM_KEY_PATH, CLAUDE_CONFIG_DIR, CODEX_HOME."})
public class Doctor extends Verb implements Callable<Integer> {
    @picocli.CommandLine.Option(names = "--fix", description = "Repair what an interrupted save or push left: sessions not listed, list entries without a session.")
    boolean fix;

    @Override
    public Integer call() {
        var console = console(false);
        boolean failed = false;
        for (Checkup.Finding f : new Checkup(env(), console).setFix(fix).run()) {
            switch (f.level()) {
                case OK -> console.ok(f.text());
                case WARN -> console.warn(f.text());
                case FAIL -> console.line(console.paint("31", "  ✗ " + Text.safe(f.text())));
            }
            failed |= f.level() == Checkup.Level.FAIL;
        }
        return failed ? 1 : 0;
    }
}
