package commands;

import java.util.concurrent.Callable;
import lib.base.UserError;
import lib.git.RemoteResult;
import lib.term.Console;
import lib.vault.Identity;
import lib.vault.Vault;
import lib.vault.VaultLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "key", description = "This machine's age key, and the keys an encrypted vault is readable with.",
        footerHeading = "%nExamples:%n",
        footer = {"  continuum key show                      this machine's public key (made if missing)",
                "  continuum key add-recipient age1...      on a machine that reads the vault: let another machine read it too", "",
                "Environment: CONTINUUM_IDENTITY (default ~/.config/continuum/identity.txt), CONTINUUM_HOME, CONTINUUM_REPO_URL."},
        subcommands = {Key.Show.class, Key.AddRecipient.class})
public class Key extends Verb implements Callable<Integer> {
    @Override
    public Integer call() {
        throw usage("say 'continuum key show' or 'continuum key add-recipient age1...'");
    }

    @Command(name = "show", description = "Print this machine's age public key (an identity is made if there is none).")
    public static class Show extends Verb implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Identity identity = Identity.of(env());
            out().println(identity.create());
            return 0;
        }
    }

    @Command(name = "add-recipient", description = "Encrypt this vault's new saves for one more age public key as well.")
    public static class AddRecipient extends Verb implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "AGE1KEY", description = "The other machine's key, from its 'continuum key show'.")
        String key;

        @Override
        public Integer call() throws Exception {
            String checked = Identity.checkRecipient(key);
            Console console = console(false);
            try (Vault vault = Vault.open(env(), Vault.Need.LATEST, console)) {
                if (!vault.exists()) {
                    throw new UserError("no vault here yet: 'continuum init --encrypt' makes one");
                }
                if (!vault.crypto().encrypted()) {
                    throw new UserError("this vault is not encrypted: 'continuum init --encrypt' encrypts it first");
                }
                try (VaultLock lock = vault.lock()) {
                    vault.addRecipient(checked);
                }
                console.ok("Added " + checked + ": new saves are readable with " + vault.crypto().recipients().size() + " key(s)");
                console.ok("'continuum migrate --encrypt' encrypts the sessions already saved for it too");
                if (vault.remoteUrl() != null) {
                    RemoteResult pushed = vault.push();
                    if (!pushed.ok()) {
                        console.warn("Could not push to " + vault.remoteShown() + " (" + pushed.problem() + "): 'continuum sync' does it later");
                    }
                }
            }
            return 0;
        }
    }
}
