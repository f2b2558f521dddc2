package lib.vault;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import lib.base.Env;
import lib.base.Errors;
import lib.base.FileUtil;
import lib.base.Permissions;
import lib.base.UserError;
import lib.git.GitUrls;
import lib.git.Remotes;
import lib.session.HostInfo;
import lib.term.Console;
import lib.term.Progress;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Bringing a vault folder into being. It is made complete in a folder beside CONTINUUM_HOME and
 * then renamed into place in one step, so two first saves racing never leave half a vault: one
 * rename wins, the other finds the winner's vault and uses it.
 */
final class VaultFolder {
    private VaultFolder() {
    }

    /** True for a usable vault; a '.git' left half-made by an older version does not count (it is replaced). */
    static boolean exists(Path dir) {
        Path gitDir = dir.resolve(".git");
        return Files.exists(gitDir) && !halfMade(dir);
    }

    /** A folder with files of its own and no '.git': not a vault, and never turned into one. */
    static boolean holdsOtherFiles(Path dir) {
        if (!Files.isDirectory(dir) || Files.exists(dir.resolve(".git"))) {
            return false;
        }
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean halfMade(Path dir) {
        Path gitDir = dir.resolve(".git");
        return Files.isDirectory(gitDir) && !Files.isRegularFile(gitDir.resolve("HEAD"))
                && !Files.exists(dir.resolve(Vault.SESSIONS));
    }

    static Vault create(Env env, Path dir, String url, boolean mayStartLocal, Console console) {
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            Path fresh = dir.resolveSibling("." + dir.getFileName() + ".new-" + HexFormat.of().formatHex(random()));
            String warning = null;
            // The vault's, from here on: a silent remote is waited for once.
            Remotes remotes = Vault.remotesFor(env, url, console);
            try {
                Files.createDirectories(fresh);
                Permissions.privateDir(fresh);
                if (url != null) {
                    warning = cloneInto(env, remotes, fresh, url, mayStartLocal, console);
                }
                if (!Files.exists(fresh.resolve(".git"))) {
                    // Nothing to clone: a new vault starts with layout 2.
                    try (Git git = Git.init().setDirectory(fresh.toFile()).setInitialBranch("main").call()) {
                        markLayout2(git.getRepository());
                    }
                }
                try (Repository repo = Git.open(fresh.toFile()).getRepository()) {
                    configure(repo, env, url);
                }
                // Every listed session gets its folder before the vault is in place: a list this
                // machine cannot read (an encrypted vault without its key) leaves nothing behind.
                try (Vault made = Vault.existing(env, fresh, console)) {
                    made.relistIfNew();
                }
                moveIntoPlace(fresh, dir);
            } finally {
                FileUtil.deleteTree(fresh);
            }
            return Vault.made(env, dir, console, warning, remotes);
        } catch (IOException | GitAPIException e) {
            throw new UserError("cannot create the vault at " + dir + ": " + Errors.oneLine(e), e);
        }
    }

    /**
     * Brings the remote's vault into dir: for layout 2 only its list (sessions are fetched when
     * shown or resumed), for layout 1 a clone of its branch. Returns a warning when it could not and
     * a local vault may start instead.
     */
    private static String cloneInto(Env env, Remotes remotes, Path dir, String url, boolean mayStartLocal, Console console)
            throws IOException {
        String shown = GitUrls.withoutCredentials(url);
        String problem = GitUrls.problem(url);
        if (problem == null) {
            console.pending("Fetching your vault from " + shown);
            try {
                var refs = remotes.call("reading the vault's refs", Git.lsRemoteRepository().setRemote(url),
                        org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE);
                if (refs.stream().anyMatch(r -> r.getName().equals(VaultIndex.REF))) {
                    fetchList(env, remotes, dir, url);
                } else if (refs.stream().anyMatch(r -> r.getName().startsWith(Constants.R_HEADS))) {
                    remotes.call("cloning the vault", Git.cloneRepository().setURI(url).setDirectory(dir.toFile())
                            .setBranch(branchToClone(refs)), Progress.of(env)).close();
                }
                return null;
            } catch (Exception e) {
                FileUtil.deleteTree(dir.resolve(".git"));
                problem = Remotes.explain(e, env);
            }
        }
        if (!mayStartLocal) {
            throw new UserError("could not fetch your vault from " + shown + ": " + problem);
        }
        return "could not clone " + shown + " (" + problem + "); started a local vault that will merge on push";
    }

    /** A new vault of layout 2 holding the remote's list; the folders follow once it is in place. */
    private static void fetchList(Env env, Remotes remotes, Path dir, String url) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Repository repo = git.getRepository();
            configure(repo, env, url);
            remotes.call("fetching the vault's list", git.fetch().setRemote("origin")
                    .setRefSpecs(new RefSpec("+" + VaultIndex.REF + ":" + VaultIndex.TRACKING)), Progress.of(env));
            VaultIndex.setRef(repo, VaultIndex.REF, repo.resolve(VaultIndex.TRACKING));
            markLayout2(repo);
        }
    }

    /** The vault's own settings: identity, no signing, fast compression, the remote. */
    static void configure(Repository repo, Env env, String remoteUrl) throws IOException {
        StoredConfig cfg = repo.getConfig();
        String before = cfg.getString("remote", "origin", "url");
        if (before != null && remoteUrl != null && !before.equals(remoteUrl)) {
            // What this machine knew of the old remote says nothing of the new one.
            for (var r : repo.getRefDatabase().getRefsByPrefix("refs/remotes/origin/")) {
                var u = repo.updateRef(r.getName());
                u.setForceUpdate(true);
                u.delete();
            }
        }
        // The vault's own identity, so committing never falls back to a hostname lookup.
        cfg.setString("user", null, "name", "continuum");
        cfg.setString("user", null, "email", "continuum@" + HostInfo.detect(env).hostname());
        cfg.setBoolean("commit", null, "gpgsign", false);
        // Transcripts are large and saved at bedtime: fast zlib beats a few percent of size.
        cfg.setInt("core", null, "compression", 1);
        if (remoteUrl != null) {
            cfg.setString("remote", "origin", "url", remoteUrl);
            cfg.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
        }
        cfg.save();
    }

    static void markLayout2(Repository repo) throws IOException {
        var cfg = repo.getConfig();
        cfg.setInt("continuum", null, "layout", 2);
        cfg.save();
    }

    /**
     * The vault's own branch, main, when the remote has it: a bare repository made with a plain
     * 'git init --bare' names an unborn master as its HEAD, which a clone of HEAD cannot follow.
     * Otherwise whatever the remote's HEAD names (a vault made elsewhere on another branch).
     */
    private static String branchToClone(java.util.Collection<org.eclipse.jgit.lib.Ref> refs) {
        String main = Constants.R_HEADS + "main";
        return refs.stream().anyMatch(r -> r.getName().equals(main)) ? main : Constants.HEAD;
    }

    private static void moveIntoPlace(Path fresh, Path dir) throws IOException {
        if (Files.isDirectory(dir) && halfMade(dir)) {
            try {
                FileUtil.deleteTree(dir.resolve(".git"));
            } catch (NoSuchFileException e) {
                // another process is repairing it at the same moment
            }
        }
        try {
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            // Another save made the vault first: open decides whether it is usable.
        } catch (java.nio.file.FileSystemException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            // Another save made the vault first, or the folder holds other files: open decides which.
        }
    }

    private static byte[] random() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
