package commands;

import java.util.concurrent.Callable;
import lib.base.Env;
import lib.base.UserError;
import lib.git.GitUrls;
import lib.git.RemoteResult;
import lib.git.Remotes;
import org.eclipse.jgit.api.Git;
import lib.term.Console;
import lib.term.Text;
import lib.vault.Identity;
import lib.vault.Vault;
import lib.vault.VaultLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Create the vault, or clone it from a private remote.",
        footerHeading = "%nExamples:%n",
        footer = {"  continuum init", "  continuum init --remote git@github.com:you/continuum-vault.git",
                "  continuum init --encrypt --remote git@github.com:you/continuum-vault.git", "",
                "Environment: CONTINUUM_HOME (the vault folder), CONTINUUM_KEY_PATH (SSH key for the remote),",
                "CONTINUUM_IDENTITY (age identity, default ~/.config/continuum/identity.txt)."})
public class Init extends Verb implements Callable<Integer> {
    @Option(names = "--remote", paramLabel = "URL", description = "Private git repository for the vault "
            + "(ssh://, git@host:path, https://, file:// or a path).")
    String remote;
    @Option(names = "--encrypt", description = "Encrypt the vault's sessions with age for this machine's key (made if missing); "
            + "the remote then holds only age files.")
    boolean encrypt;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        if (remote != null) {
            String problem = GitUrls.problem(remote);
            if (problem != null) {
                throw new UserError("--remote " + Text.oneLine(remote, 80) + " is not usable: " + problem);
            }
            env = env.with("CONTINUUM_REPO_URL", remote);
        }
        Console console = console(false);
        boolean existed = Vault.existsAt(env);
        if (existed && remote != null) {
            // An existing vault takes a new remote only when it answers: never a garbage origin.
            try {
                Remotes.forVault(env).setWaitNotice(remote, console::pending).call("reading its refs",
                        Git.lsRemoteRepository().setRemote(remote), org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
            } catch (Exception e) {
                throw new UserError("cannot reach " + GitUrls.withoutCredentials(remote) + " (" + Remotes.explain(e, env)
                        + "); the vault keeps its current remote");
            }
        }
        // A new vault with a remote is a clone of it, or nothing at all: init never starts a
        // local vault beside a remote it could not reach.
        Vault.Need need = existed ? Vault.Need.LATEST : env.get("CONTINUUM_REPO_URL") != null ? Vault.Need.LOCAL : Vault.Need.CREATE;
        try (Vault vault = Vault.open(env, need, console)) {
            if (vault.cloneWarning() != null) {
                throw new UserError(vault.cloneWarning());
            }
            RemoteResult pulled = vault.pulled();
            if (pulled != null && !pulled.ok()) {
                console.warn("Could not reach " + vault.remoteShown() + ": " + pulled.problem());
            }
            console.ok((existed ? "Vault ready at " : "Created vault at ") + vault.dir());
            console.ok(vault.remoteUrl() == null
                    ? "Local only (no remote): set CONTINUUM_REPO_URL or run 'continuum init --remote URL'"
                    : "Remote: " + vault.remoteShown());
            if (encrypt) {
                encrypt(env, vault, console);
            }
        }
        return 0;
    }

    private static void encrypt(Env env, Vault vault, Console console) throws Exception {
        Identity identity = Identity.of(env);
        boolean had = identity.exists();
        String key = identity.create();
        try (VaultLock lock = vault.lock()) {
            vault.addRecipient(key);
        }
        console.ok("Encrypted: new sessions are age files for " + vault.crypto().recipients().size() + " key(s)");
        console.ok((had ? "This machine's key: " : "Made this machine's key: ") + key + " (identity " + identity.file()
                + "; keep a copy of it: without it the vault cannot be read)");
        long plain = vault.sessions().ids().size();
        if (plain > 0) {
            console.warn(plain + " session(s) saved before are still plain text: 'continuum migrate --encrypt' encrypts them");
        }
        if (vault.remoteUrl() != null) {
            RemoteResult pushed = vault.push();
            if (!pushed.ok()) {
                console.warn("Could not push to " + vault.remoteShown() + " (" + pushed.problem() + "): 'continuum sync' does it later");
            }
        }
    }
}
