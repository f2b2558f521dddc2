package commands;

import java.util.concurrent.Callable;
import lib.base.UserError;
import lib.git.RemoteResult;
import lib.term.Console;
import lib.vault.Vault;
import picocli.CommandLine.Command;

@Command(name = "migrate", description = "Move the vault to layout 2: each session under its own ref, and a list a new machine fetches alone.",
        footerHeading = "%nExamples:%n", footer = {"  continuum migrate", "",
                "The first save does the same. Every session is kept; the remote's main branch is replaced by a note",
                "once every session it held is listed, so that pruning can free space. Update continuum on every",
                "machine: earlier releases cannot read layout 2. Environment: CONTINUUM_HOME, CONTINUUM_REPO_URL."})
public class Migrate extends Verb implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Console console = console(false);
        try (Vault vault = Vault.open(env(), Vault.Need.LOCAL, console)) {
            if (!vault.exists()) {
                throw new UserError("no vault at " + vault.dir() + " yet: nothing to migrate");
            }
            int before = vault.layout();
            if (vault.remoteUrl() != null) {
                RemoteResult pulled = vault.pull(); // sessions saved elsewhere are moved too
                if (!pulled.ok()) {
                    throw new UserError("could not pull from " + vault.remoteShown() + " first: " + pulled.problem()
                            + " (migrate when the remote can be reached)");
                }
            }
            try (AutoCloseable lock = vault.lock()) {
                vault.recover();
            }
            console.ok((before < 2 ? "Moved to layout 2: " : "Layout 2 already: ") + vault.sessions().ids().size()
                    + " session(s), each under its own ref");
            if (vault.remoteUrl() != null) {
                RemoteResult pushed = vault.push();
                if (!pushed.ok()) {
                    throw new UserError("could not push to " + vault.remoteShown() + ": " + pushed.problem());
                }
                console.ok("Pushed to " + vault.remoteShown());
            }
        }
        return 0;
    }
}
