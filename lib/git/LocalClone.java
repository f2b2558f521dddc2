package lib.git;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import lib.base.FileUtil;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * A clone of a repository on this machine, made the way git clones a plain path: the origin's
 * object files hard-linked (copied where a link cannot be made, as across file systems), its
 * branches as origin's remote-tracking branches, its tags, its HEAD's branch checked out in name
 * only (no work tree is written). git never rewrites a pack or a loose object in place, so sharing
 * them is safe, and no pack is made, sent and indexed again as JGit's clone does for a path (it runs
 * a server in-process). A {@code file://} URL with no host is cloned the same way, where git would
 * fetch from it as from a server: a resume asks for the project back, not for a repacked copy, and
 * the folder is on this machine either way. Other URLs and any origin out of the ordinary
 * (alternates, shallow or partial, a HEAD that names no branch it has) are left to JGit's clone:
 * {@link #call} says so by returning false, having written nothing.
 */
public final class LocalClone {
    private static final String REMOTE = Constants.DEFAULT_REMOTE_NAME;
    private static final Pattern PACK_FILE = Pattern.compile("pack-[0-9a-f]{40,64}\\.(pack|idx|rev|bitmap)");
    private static final Pattern LOOSE_FOLDER = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern LOOSE_FILE = Pattern.compile("[0-9a-f]{38,62}");

    private final String url;
    private Path directory;
    private boolean linking = true; // until a link cannot be made: copies from then on, with progress
    private ProgressMonitor monitor = NullProgressMonitor.INSTANCE;

    public LocalClone(String url) {
        this.url = url;
    }

    /** The folder to clone into: empty or without a .git yet. */
    public LocalClone setDirectory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** Told of the files copied when they cannot be linked (a link is instant). */
    public LocalClone setProgressMonitor(ProgressMonitor monitor) {
        this.monitor = monitor;
        return this;
    }

    /**
     * True once the clone is made; false, with nothing written, when the origin is not a plain
     * local repository of the usual kind. An error half-way (a file the origin removed while it was
     * linked, say) removes what was written and is thrown.
     */
    public boolean call() throws IOException {
        File gitDir = gitDir(url, directory);
        if (gitDir == null || !ordinary(gitDir.toPath())) {
            return false;
        }
        Origin origin;
        try (var repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
            origin = Origin.read(repo);
        } catch (IOException | RuntimeException e) {
            return false; // a repository JGit cannot read as files: its own clone says what is wrong
        }
        if (origin == null) {
            return false;
        }
        Path dotGit = directory.resolve(Constants.DOT_GIT);
        try {
            make(gitDir.toPath().resolve(Constants.OBJECTS), dotGit, origin);
            return true;
        } catch (IOException | RuntimeException e) {
            FileUtil.deleteTree(dotGit);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /**
     * The origin's refs, read before its objects are linked: git writes objects before the refs that
     * name them, so each object named here is in a file that is linked, or whose removal fails the link.
     */
    private record Origin(String branch, List<Ref> heads, List<Ref> tags) {
        static Origin read(Repository repo) throws IOException {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head == null || !head.isSymbolic() || head.getObjectId() == null) {
                return null; // detached, or a branch it does not have: JGit's clone decides
            }
            String name = head.getTarget().getName();
            if (!name.startsWith(Constants.R_HEADS)) {
                return null;
            }
            return new Origin(name.substring(Constants.R_HEADS.length()), repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS),
                    repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS));
        }
    }

    private void make(Path objects, Path dotGit, Origin origin) throws IOException {
        try {
            Git.init().setDirectory(directory.toFile()).setInitialBranch(origin.branch()).call().close();
        } catch (GitAPIException e) {
            throw new IOException(e.getMessage(), e);
        }
        linkObjects(objects, dotGit.resolve(Constants.OBJECTS));
        if (!linking) {
            monitor.endTask();
        }
        try (var repo = new FileRepositoryBuilder().setGitDir(dotGit.toFile()).setMustExist(true).build();
             RevWalk walk = new RevWalk(repo)) {
            BatchRefUpdate batch = repo.getRefDatabase().newBatchUpdate().setAllowNonFastForwards(true)
                    .setRefLogMessage("clone: from " + url, false);
            for (Ref h : origin.heads()) {
                String tracking = Constants.R_REMOTES + REMOTE + "/" + h.getName().substring(Constants.R_HEADS.length());
                batch.addCommand(create(repo, h, tracking));
                if (h.getName().equals(Constants.R_HEADS + origin.branch())) {
                    batch.addCommand(create(repo, h, h.getName()));
                }
            }
            for (Ref t : origin.tags()) {
                batch.addCommand(create(repo, t, t.getName()));
            }
            batch.execute(walk, NullProgressMonitor.INSTANCE);
            for (ReceiveCommand c : batch.getCommands()) {
                if (c.getResult() != ReceiveCommand.Result.OK) {
                    throw new IOException("cannot write " + c.getRefName() + " (" + c.getResult() + ")");
                }
            }
            // As git's and JGit's clones leave them: origin fetched from again, the branch tracking it.
            StoredConfig config = repo.getConfig();
            RemoteConfig remote = new RemoteConfig(config, REMOTE);
            remote.addURI(new URIish(url));
            remote.addFetchRefSpec(new RefSpec("+" + Constants.R_HEADS + "*:" + Constants.R_REMOTES + REMOTE + "/*"));
            remote.update(config);
            config.setString("branch", origin.branch(), "remote", REMOTE);
            config.setString("branch", origin.branch(), "merge", Constants.R_HEADS + origin.branch());
            config.save();
        } catch (URISyntaxException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The creation of name for the origin's ref, once its object is known to have come over with the files. */
    private static ReceiveCommand create(Repository repo, Ref ref, String name) throws IOException {
        if (!repo.getObjectDatabase().has(ref.getObjectId())) {
            throw new IOException("its " + ref.getName() + " names " + ref.getObjectId().name() + ", which it does not hold");
        }
        return new ReceiveCommand(ObjectId.zeroId(), ref.getObjectId(), name);
    }

    /**
     * Each loose object of from, then each pack, linked into to (or copied, once a link cannot be
     * made). In that order because git packs loose objects before it deletes them: one gone from
     * its folder by the time it is listed is in a pack listed after.
     */
    private void linkObjects(Path from, Path to) throws IOException {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(from)) {
            for (Path f : folders) {
                if (LOOSE_FOLDER.matcher(f.getFileName().toString()).matches()) {
                    linkFiles(f, to.resolve(f.getFileName().toString()), LOOSE_FILE);
                }
            }
        }
        if (Files.isDirectory(from.resolve("pack"))) {
            linkFiles(from.resolve("pack"), to.resolve("pack"), PACK_FILE);
        }
    }

    private void linkFiles(Path from, Path to, Pattern names) throws IOException {
        Files.createDirectories(to);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
            for (Path f : files) {
                if (names.matcher(f.getFileName().toString()).matches()) {
                    link(f, to.resolve(f.getFileName().toString()));
                }
            }
        }
    }

    private void link(Path from, Path to) throws IOException {
        if (linking) {
            try {
                Files.createLink(to, from);
                return;
            } catch (UnsupportedOperationException | IOException e) {
                if (!Files.exists(from)) {
                    throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                }
                linking = false; // another file system, or links not allowed: copies, as git makes then
                monitor.beginTask("Copying objects", ProgressMonitor.UNKNOWN);
            }
        }
        Files.copy(from, to);
        monitor.update(1);
    }

    /**
     * The repository a plain path or a {@code file://} URL names (its .git, or itself when bare),
     * else null; a relative path from the new folder, and a URL's path, as JGit's clone reads them.
     */
    private static File gitDir(String url, Path directory) {
        if (url == null || url.startsWith("~") || url.contains("://") && !url.startsWith("file://")) {
            return null;
        }
        try {
            URIish u = new URIish(url);
            if (u.getScheme() != null && !u.getScheme().equals("file") || u.getHost() != null || u.getPort() > 0
                    || u.getUser() != null || u.getPath() == null) {
                return null;
            }
            return RepositoryCache.FileKey.resolve(FS.DETECTED.resolve(directory.toFile(), u.getPath()), FS.DETECTED);
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** No store or history borrowed from elsewhere: what linking its files cannot carry over. */
    private static boolean ordinary(Path gitDir) throws IOException {
        if (Files.exists(gitDir.resolve("commondir")) || Files.exists(gitDir.resolve("shallow"))
                || Files.exists(gitDir.resolve("objects/info/alternates"))
                || !Files.isDirectory(gitDir.resolve(Constants.OBJECTS))) {
            return false;
        }
        Path packs = gitDir.resolve("objects/pack");
        if (Files.isDirectory(packs)) {
            try (DirectoryStream<Path> promisors = Files.newDirectoryStream(packs, "*.promisor")) {
                return !promisors.iterator().hasNext();
            }
        }
        return true;
    }
}
