package commands;

import java.util.concurrent.Callable;
import lib.base.UserError;
import lib.git.RemoteResult;
import lib.term.Console;
import lib.vault.Identity;
import lib.vault.Vault;
import lib.vault.VaultLock;
import picocli.CommandLine.Command;

@Command(name = "migrate", description = "Move the vault to layout 2: each session under its own ref, and a list a new machine fetches alone.",
        footerHeading = "%nExamples:%n", footer = {"  continuum migrate", "  continuum migrate --encrypt --yes", "",
                "The first save does the same. Every session is kept; the remote's main branch is replaced by a note",
                "once every session it held is listed, so that pruning can free space. Update continuum on every",
                "machine: earlier releases cannot read layout 2. Environment: CONTINUUM_HOME, CONTINUUM_REPO_URL."})
public class Migrate extends Verb implements Callable<Integer> {
    @picocli.CommandLine.Option(names = "--encrypt", description = "Also encrypt every session already saved for the vault's "
            + "keys (this machine's added when the vault is not encrypted yet).")
    boolean encrypt;
    @picocli.CommandLine.Option(names = "--yes", description = "Do not ask (needed without a terminal with --encrypt).")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        Console console = console(false);
        if (encrypt && !yes && !env().interactive()) {
            throw new UserError("migrate --encrypt rewrites every session and there is no terminal to ask: add --yes");
        }
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
            try (VaultLock lock = vault.lock()) {
                vault.recover();
            }
            console.ok((before < 2 ? "Moved to layout 2: " : "Layout 2 already: ") + vault.sessions().ids().size()
                    + " session(s), each under its own ref");
            if (encrypt && !encryptAll(vault, console)) {
                return 0;
            }
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

    /** Every session committed again as age files for the vault's keys; false when the user said no. */
    private boolean encryptAll(Vault vault, Console console) throws Exception {
        java.util.List<String> ids = vault.sessions().ids();
        if (!yes) {
            out().print("Encrypt all " + ids.size() + " session(s) (fetching those not here)? [y/N] ");
            out().flush();
            String answer = new java.io.BufferedReader(new java.io.InputStreamReader(env().stdin(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                out().println("Nothing encrypted.");
                return false;
            }
        }
        if (!vault.crypto().encrypted()) {
            String key = Identity.of(env()).create();
            try (VaultLock lock = vault.lock()) {
                vault.addRecipient(key);
            }
            console.ok("This machine's key: " + key + " (identity " + Identity.of(env()).file() + "; keep a copy)");
        }
        for (String id : ids) {
            vault.reencrypt(id);
        }
        console.ok("Encrypted " + ids.size() + " session(s) for " + vault.crypto().recipients().size() + " key(s); the remote's "
                + "earlier copies go at its next garbage collection");
        return true;
    }
}
