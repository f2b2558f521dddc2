package commands;

import java.util.concurrent.Callable;
import lib.base.UserError;
import lib.git.RemoteResult;
import lib.term.Console;
import lib.vault.Vault;
import lib.vault.VaultLock;
import picocli.CommandLine.Command;

@Command(name = "sync", description = "Pull sessions saved elsewhere and push the ones saved here (offline saves included).",
        footerHeading = "%nExamples:%n", footer = {"  continuum sync", "",
                "Environment: CONTINUUM_HOME, CONTINUUM_REPO_URL (cloned on first use), CONTINUUM_KEY_PATH."})
public class Sync extends Verb implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Console console = console(false);
        try (Vault vault = Vault.open(env(), Vault.Need.LATEST, console)) {
            if (!vault.exists()) {
                throw new UserError("no vault at " + vault.dir() + " yet: save a session first, or set CONTINUUM_REPO_URL");
            }
            if (vault.remoteUrl() == null) {
                throw new UserError("the vault has no remote: set CONTINUUM_REPO_URL or run 'continuum init --remote URL'");
            }
            try (VaultLock lock = vault.lock()) {
                java.util.List<String> recovered = vault.recover();
                if (!recovered.isEmpty()) {
                    console.ok("Recovered " + recovered.size() + " session(s) from an interrupted save");
                }
            }
            String where = vault.remoteShown();
            RemoteResult pulled = vault.pulled();
            if (pulled != null && !pulled.ok()) {
                throw new UserError("could not pull from " + where + ": " + pulled.problem());
            }
            console.ok("Pulled from " + where);
            RemoteResult pushed = vault.push();
            if (!pushed.ok()) {
                throw new UserError("could not push to " + where + ": " + pushed.problem());
            }
            console.ok("Pushed to " + where);
        }
        return 0;
    }
}
