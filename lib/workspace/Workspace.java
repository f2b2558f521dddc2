package lib.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import lib.base.FileUtil;
import lib.base.UserError;
import lib.git.GitUrls;
import lib.git.JGitDefaults;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * The folder a session is saved from or restored into, opened once: its root (the work tree's
 * real path, found the way git finds it, '.git' files pointing elsewhere included), its repository
 * when it has one, and its origin.
 */
public final class Workspace implements AutoCloseable {
    static {
        JGitDefaults.apply();
    }

    private final Path root;
    private final Repository repo;
    private final String note;

    private Workspace(Path root, Repository repo, String note) {
        this.root = root;
        this.repo = repo;
        this.note = note;
    }

    /**
     * The workspace that contains dir: the nearest folder at or above it holding a '.git' folder or
     * file. A bare repository has no work tree: it opens as a plain folder, with a note saying so.
     */
    public static Workspace open(Path dir) throws IOException {
        Path start = FileUtil.realPath(dir);
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                Repository repo;
                try {
                    repo = new FileRepositoryBuilder().setWorkTree(d.toFile()).setMustExist(true).build();
                } catch (IOException | RuntimeException e) {
                    throw new UserError("'" + d + "' has a .git that git cannot open (" + e.getMessage() + ")");
                }
                return new Workspace(FileUtil.realPath(repo.getWorkTree().toPath()), repo, null);
            }
            if (RepositoryCache.FileKey.isGitRepository(d.toFile(), FS.DETECTED)) {
                return new Workspace(start, null, "'" + dir + "' is inside a bare repository: there is no work tree to save");
            }
        }
        return new Workspace(start, null, null);
    }

    /** True when dir is inside a git work tree. */
    public static boolean isRepo(Path dir) {
        try (Workspace ws = open(dir)) {
            return ws.isRepo();
        } catch (IOException | UserError e) {
            return false;
        }
    }

    public Path root() {
        return root;
    }

    public boolean isRepo() {
        return repo != null;
    }

    /** The repository; only for a workspace that isRepo(). */
    public Repository repo() {
        if (repo == null) {
            throw new IllegalStateException(root + " is not a git work tree");
        }
        return repo;
    }

    /** Why a folder that looks like git is treated as a plain one (a bare repository), or null. */
    public String note() {
        return note;
    }

    /** The origin URL as configured (it may hold credentials: use it to fetch, never to print). */
    public String originUrl() {
        return repo == null ? null : repo.getConfig().getString("remote", "origin", "url");
    }

    /** The origin as it identifies the project: no credentials, no trailing ".git" or slash. */
    public String project() {
        String url = originUrl();
        return url == null ? null : GitUrls.normalize(url);
    }

    @Override
    public void close() {
        if (repo != null) {
            repo.close();
        }
    }
}
