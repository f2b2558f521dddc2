package commands;

import java.util.concurrent.Callable;
import lib.Console;
import lib.Urls;
import lib.UserError;
import lib.Vault;
import picocli.CommandLine.Command;

@Command(name = "sync", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Pull sessions saved elsewhere and push the ones saved here (offline saves included).")
public class Sync extends Verb implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Console console = console(false);
        // On a new machine with CONTINUUM_REPO_URL, the first sync clones the vault.
        try (Vault vault = env().get("CONTINUUM_REPO_URL") != null ? Vault.openOrCreate(env()) : Vault.open(env());
             AutoCloseable lock = vault.lock(console, 120_000)) {
            if (vault.remoteUrl() == null) {
                throw new UserError("the vault has no remote: set CONTINUUM_REPO_URL or run 'continuum init --remote URL'");
            }
            java.util.List<String> recovered = vault.recover();
            if (!recovered.isEmpty()) {
                console.ok("Recovered " + recovered.size() + " session(s) from an interrupted save");
            }
            String where = Urls.withoutCredentials(vault.remoteUrl());
            Vault.PushOutcome pulled = vault.pullOnly();
            if (!pulled.ok()) {
                throw new UserError("could not pull from " + where + ": " + pulled.reason());
            }
            console.ok("Pulled from " + where);
            Vault.PushOutcome pushed = vault.push();
            if (!pushed.ok()) {
                throw new UserError("could not push to " + where + ": " + pushed.reason());
            }
            console.ok("Pushed to " + where);
        }
        return 0;
    }
}
