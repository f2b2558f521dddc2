package commands;

import java.util.concurrent.Callable;
import lib.Console;
import lib.Env;
import lib.Urls;
import lib.UserError;
import lib.Vault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Create the vault, or clone it from a private remote.")
public class Init extends Verb implements Callable<Integer> {
    @Option(names = "--remote", paramLabel = "URL", description = "Private git repository for the vault "
            + "(ssh://, git@host:path, https://, file:// or a path).")
    String remote;

    @Override
    public Integer call() throws Exception {
        Env env = env();
        if (remote != null) {
            env = env.with("CONTINUUM_REPO_URL", remote);
        }
        Console console = console(false);
        boolean existed = java.nio.file.Files.isDirectory(env.vaultDir().resolve(".git"));
        try (Vault vault = Vault.openOrCreate(env)) {
            if (vault.cloneWarning() != null) {
                throw new UserError(vault.cloneWarning());
            }
            String url = vault.remoteUrl();
            if (existed && url != null) {
                Vault.PushOutcome pulled = vault.pullOnly();
                if (!pulled.ok()) {
                    console.warn("Could not reach " + Urls.withoutCredentials(url) + ": " + pulled.reason());
                }
            }
            console.ok((existed ? "Vault ready at " : "Created vault at ") + vault.dir());
            console.ok(url == null ? "Local only (no remote): set CONTINUUM_REPO_URL or run 'continuum init --remote URL'"
                    : "Remote: " + Urls.withoutCredentials(url));
        }
        return 0;
    }
}
